// A small form for the emergency pages: fields as data, one submit, server errors on their fields.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from 'design-react-kit';
import {
  CheckboxField,
  SelectField,
  TextAreaField,
  TextField,
  type SelectOption,
} from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { fieldId } from '../../lib/form-errors.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly kind?: 'text' | 'date' | 'number' | 'textarea' | 'select' | 'checkbox' | 'month';
  readonly options?: readonly SelectOption[];
  readonly placeholder?: string;
  readonly required?: boolean;
  readonly hint?: ReactNode;
  readonly initial?: string;
  readonly className?: string;
}

export type FormValues = Readonly<Record<string, string>>;

interface Props {
  readonly id: string;
  readonly fields: readonly FieldSpec[];
  readonly submitLabel: string;
  /** Builds the request from the typed values and sends it; throw an ApiError to show it. */
  readonly onSubmit: (values: FormValues) => Promise<void>;
  readonly title?: string;
  readonly children?: ReactNode;
}

/** Turns '' into null, numbers into numbers: helpers for building request bodies. */
export const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
export const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : Number(v.replace(',', '.')));

export function SimpleForm({ id, fields, submitLabel, onSubmit, title, children }: Props) {
  const initial = Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.kind === 'checkbox' ? 'false' : '')]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const feedback = useFormFeedback();
  const labelFor = (path: string) =>
    fields.find((f) => path === f.name || path.startsWith(`${f.name}.`))?.label ?? path;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    feedback.reset();
    try {
      await onSubmit(values);
      setValues(initial);
      setDone(true);
    } catch (err) {
      if (isApiError(err)) feedback.failServer(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  }

  const set = (name: string) => (v: string) => {
    setValues((s) => ({ ...s, [name]: v }));
    feedback.clearField(name);
  };

  return (
    <form
      id={id}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={title ? `${id}-title` : undefined}
      data-testid={id}
    >
      {title ? (
        <h3 id={`${id}-title`} className="h5">
          {title}
        </h3>
      ) : null}
      <FormProblems
        formId={id}
        feedback={feedback}
        labelFor={labelFor}
        targetFor={(p) => (fields.some((f) => f.name === p) ? fieldId(id, p) : id)}
      />
      {done ? (
        <p className="text-success small" role="status">
          Salvato.
        </p>
      ) : null}
      {children}
      <div className="row">
        {fields.map((f) => {
          const common = {
            id: fieldId(id, f.name),
            label: f.label,
            error: feedback.errors[f.name],
            hint: f.hint,
            required: f.required ?? false,
            className: f.className ?? 'col-12 col-md-6',
          };
          const value = values[f.name] ?? '';
          if (f.kind === 'textarea')
            return (
              <TextAreaField
                key={f.name}
                {...common}
                className={f.className ?? 'col-12'}
                rows={3}
                value={value}
                onValueChange={set(f.name)}
              />
            );
          if (f.kind === 'select')
            return (
              <SelectField
                key={f.name}
                {...common}
                value={value}
                onValueChange={set(f.name)}
                options={f.options ?? []}
                placeholder={f.placeholder ?? 'Scegliere…'}
              />
            );
          if (f.kind === 'checkbox')
            return (
              <CheckboxField
                key={f.name}
                id={common.id}
                label={f.label}
                error={common.error}
                hint={f.hint}
                className={`${common.className} mb-3`}
                checked={value === 'true'}
                onCheckedChange={(c) => set(f.name)(c ? 'true' : 'false')}
              />
            );
          return (
            <TextField
              key={f.name}
              {...common}
              type={f.kind === 'date' ? 'date' : f.kind === 'month' ? 'month' : 'text'}
              inputMode={f.kind === 'number' ? 'decimal' : undefined}
              value={value}
              onValueChange={set(f.name)}
            />
          );
        })}
      </div>
      <Button color="primary" type="submit" disabled={busy}>
        {busy ? 'Invio in corso…' : submitLabel}
      </Button>
    </form>
  );
}
