'use client';

import { faCircleUser, faRightFromBracket } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Dropdown from 'react-bootstrap/Dropdown';

type Props = {
  userName: string;
  email: string;
  role: string;
  currentWorkspaceId: string;
  workspaces: { id: string; name: string; role: string }[];
  signOutAction: () => Promise<void>;
  switchWorkspaceAction: (formData: FormData) => Promise<void>;
};

export function UserMenu({ userName, email, role, currentWorkspaceId, workspaces, signOutAction, switchWorkspaceAction }: Props) {
  return (
    <Dropdown align="end">
      <Dropdown.Toggle variant="outline-light" size="sm" id="user-menu" aria-label="Account menu">
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
            <form action={switchWorkspaceAction} key={w.id}>
              <input type="hidden" name="workspaceId" value={w.id} />
              <Dropdown.Item as="button" type="submit" active={w.id === currentWorkspaceId}>
                {w.name}
              </Dropdown.Item>
            </form>
          ))}
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
