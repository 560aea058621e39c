'use client';

import { faXmark } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';

type Props = { id: string; value: string[]; onChange: (tags: string[]) => void; error?: string; max: number };

/** Tags as removable chips; Enter, comma or the button adds what was typed (comma-separated too). */
export function TagsEditor({ id, value, onChange, error, max }: Props) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const fresh = draft
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t && !value.includes(t));
    if (fresh.length > 0) onChange([...value, ...fresh].slice(0, max));
    setDraft('');
  };
  return (
    <div>
      <div className="d-flex flex-wrap gap-1 mb-2" aria-live="polite">
        {value.length === 0 && <span className="small text-muted">No tags yet.</span>}
        {value.map((tag) => (
          <Badge key={tag} bg="light" text="dark" className="border d-inline-flex align-items-center gap-1 fw-normal">
            {tag}
            <button type="button" className="btn btn-sm p-0 border-0 lh-1" aria-label={`Remove tag ${tag}`} onClick={() => onChange(value.filter((t) => t !== tag))}>
              <FontAwesomeIcon icon={faXmark} aria-hidden />
            </button>
          </Badge>
        ))}
      </div>
      <InputGroup size="sm" hasValidation>
        <Form.Control
          id={id}
          value={draft}
          maxLength={200}
          placeholder="Type a tag and press Enter"
          isInvalid={!!error}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
        <Button variant="outline-secondary" onClick={add} disabled={!draft.trim()}>
          Add tag
        </Button>
        <Form.Control.Feedback type="invalid">{error}</Form.Control.Feedback>
      </InputGroup>
    </div>
  );
}
