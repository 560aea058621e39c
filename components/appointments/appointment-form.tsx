'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useForm, type FieldPath } from 'react-hook-form';
import type { ActionResult } from '@/lib/http/action-result';
import { APPOINTMENT_STATUSES, APPOINTMENT_STATUS_LABELS, appointmentFormSchema, type AppointmentFormValues } from '@/lib/appointments/schema';


type Props = {
  defaultValues: AppointmentFormValues;
  timeZone: string;
  submitLabel: string;
  cancelHref: string;
  doneHref: string;
  action: (values: AppointmentFormValues) => Promise<ActionResult<{ id: string }>>;
};

export function AppointmentForm({ defaultValues, timeZone, submitLabel, cancelHref, doneHref, action }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<AppointmentFormValues>({
    resolver: zodResolver(appointmentFormSchema),
    defaultValues,
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(values);
    if (result.ok) {
      router.push(doneHref);
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) {
      const name = field === 'startsAt' ? 'startsLocal' : field === 'endsAt' ? 'endsLocal' : field;
      setError(name as FieldPath<AppointmentFormValues>, { message });
    }
    if (!result.fields || Object.keys(result.fields).length === 0) setFormError(result.message);
  });

  return (
    <Form noValidate onSubmit={onSubmit} className="bg-white rounded shadow-sm p-4" aria-label="Appointment">
      {formError && <Alert variant="danger">{formError}</Alert>}
      <input type="hidden" {...register('leadId')} />
      <Row className="g-3">
        <Col md={8}>
          <Form.Group controlId="appointment-title">
            <Form.Label>Title</Form.Label>
            <Form.Control autoComplete="off" isInvalid={!!errors.title} {...register('title')} />
            <Form.Control.Feedback type="invalid">{errors.title?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col md={4}>
          <Form.Group controlId="appointment-status">
            <Form.Label>Status</Form.Label>
            <Form.Select isInvalid={!!errors.status} {...register('status')}>
              {APPOINTMENT_STATUSES.map((s) => (
                <option key={s} value={s}>{APPOINTMENT_STATUS_LABELS[s]}</option>
              ))}
            </Form.Select>
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Group controlId="appointment-starts">
            <Form.Label>Starts</Form.Label>
            <Form.Control type="datetime-local" isInvalid={!!errors.startsLocal} aria-describedby="appointment-tz" {...register('startsLocal')} />
            <Form.Control.Feedback type="invalid">{errors.startsLocal?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Group controlId="appointment-ends">
            <Form.Label>Ends (optional)</Form.Label>
            <Form.Control type="datetime-local" isInvalid={!!errors.endsLocal} aria-describedby="appointment-tz" {...register('endsLocal')} />
            <Form.Control.Feedback type="invalid">{errors.endsLocal?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col xs={12}>
          <Form.Text id="appointment-tz" muted>Times are in the workspace&apos;s time zone, {timeZone}.</Form.Text>
        </Col>
        <Col md={8}>
          <Form.Group controlId="appointment-notes">
            <Form.Label>Notes</Form.Label>
            <Form.Control as="textarea" rows={3} isInvalid={!!errors.notes} {...register('notes')} />
            <Form.Control.Feedback type="invalid">{errors.notes?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col md={4}>
          <Form.Group controlId="appointment-external-id">
            <Form.Label>External id</Form.Label>
            <Form.Control autoComplete="off" isInvalid={!!errors.externalId} {...register('externalId')} />
            <Form.Control.Feedback type="invalid">{errors.externalId?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
      </Row>
      <div className="d-flex gap-2 mt-4">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? 'Saving…' : submitLabel}</Button>
        <Link href={cancelHref} className="btn btn-outline-secondary">Cancel</Link>
      </div>
    </Form>
  );
}
