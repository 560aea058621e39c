'use client';

import { faCircleUser, faRightFromBracket } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useState } from 'react';
import Dropdown from 'react-bootstrap/Dropdown';
import type { ActionResult } from '@/lib/http/action-result';

type Props = {
  userName: string;
  email: string;
  role: string;
  currentWorkspaceId: string;
  workspaces: { id: string; name: string; role: string }[];
  signOutAction: () => Promise<void>;
  switchWorkspaceAction: (formData: FormData) => Promise<ActionResult>;
};

export function UserMenu({ userName, email, role, currentWorkspaceId, workspaces, signOutAction, switchWorkspaceAction }: Props) {
  // The action redirects on success; it only comes back to say why it could not switch.
  const [switchError, setSwitchError] = useState<string | null>(null);
  async function switchWorkspace(formData: FormData) {
    const result = await switchWorkspaceAction(formData);
    setSwitchError(result.ok ? null : result.message);
  }
  return (
    <Dropdown align="end">
      <Dropdown.Toggle variant="outline-light" size="sm" id="user-menu" aria-label={`${userName}: account menu`}>
        <FontAwesomeIcon icon={faCircleUser} className="me-1" />
        <span className="d-none d-sm-inline">{userName}</span>
      </Dropdown.Toggle>
      <Dropdown.Menu>
        <Dropdown.Header>
          {email}
          <br />
          <small className="text-muted">Role: {role}</small>
        </Dropdown.Header>
        {workspaces.length > 1 && <Dropdown.Divider />}
        {workspaces.length > 1 &&
          workspaces.map((w) => (
            <form action={switchWorkspace} key={w.id}>
              <input type="hidden" name="workspaceId" value={w.id} />
              <Dropdown.Item as="button" type="submit" active={w.id === currentWorkspaceId}>
                {w.name}
              </Dropdown.Item>
            </form>
          ))}
        {switchError && (
          <Dropdown.ItemText role="alert" className="small text-danger">
            {switchError}
          </Dropdown.ItemText>
        )}
        <Dropdown.Divider />
        <form action={signOutAction}>
          <Dropdown.Item as="button" type="submit">
            <FontAwesomeIcon icon={faRightFromBracket} className="me-2" />
            Sign out
          </Dropdown.Item>
        </form>
      </Dropdown.Menu>
    </Dropdown>
  );
}
