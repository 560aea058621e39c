'use client';

import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { WEEKDAYS, type CampaignFormValues } from '@/lib/campaigns/schema';
import { CheckboxGroup } from './checkbox-group';

const DAY_LABELS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const hour = (h: number) => `${String(h % 24).padStart(2, '0')}:00${h === 24 ? ' (midnight)' : ''}`;

/** Days and hours (workspace time zone) when messages may leave; outside them they wait. */
export function SendWindowFields({ form, timeZone }: { form: UseFormReturn<CampaignFormValues>; timeZone: string }) {
  const { register, control, formState } = form;
  const { errors } = formState;
  const enabled = useWatch({ control, name: 'windowEnabled' });
  return (
    <>
      <Form.Check type="switch" id="campaign-window-enabled" label="Only send on some days and hours" {...register('windowEnabled')} />
      {enabled && (
        <div className="mt-3">
          <CheckboxGroup
            control={control}
            name="windowDays"
            legend="Days"
            inline
            options={WEEKDAYS.map((d) => ({ value: d, label: DAY_LABELS[Number(d)] }))}
            error={errors.windowDays?.message}
          />
          <Row className="g-2">
            <Col sm={4}>
              <Form.Group controlId="campaign-window-start">
                <Form.Label>From</Form.Label>
                <Form.Select isInvalid={!!errors.windowStartHour} {...register('windowStartHour', { setValueAs: Number })}>
                  {Array.from({ length: 24 }, (_, h) => (
                    <option key={h} value={h}>{hour(h)}</option>
                  ))}
                </Form.Select>
                <Form.Control.Feedback type="invalid">{errors.windowStartHour?.message}</Form.Control.Feedback>
              </Form.Group>
            </Col>
            <Col sm={4}>
              <Form.Group controlId="campaign-window-end">
                <Form.Label>Until</Form.Label>
                <Form.Select isInvalid={!!errors.windowEndHour} {...register('windowEndHour', { setValueAs: Number })}>
                  {Array.from({ length: 24 }, (_, i) => i + 1).map((h) => (
                    <option key={h} value={h}>{hour(h)}</option>
                  ))}
                </Form.Select>
                <Form.Control.Feedback type="invalid">{errors.windowEndHour?.message}</Form.Control.Feedback>
              </Form.Group>
            </Col>
          </Row>
          <Form.Text>In {timeZone}. An end before the start spans midnight (22:00 until 06:00). Messages due outside the window wait for it to open.</Form.Text>
        </div>
      )}
    </>
  );
}
