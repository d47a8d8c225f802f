import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldChrome {
  readonly id: string;
  readonly label: ReactNode;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly required?: boolean;
  /** Extra classes on the wrapper (e.g. column classes). */
  readonly className?: string;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: Pick<FieldChrome, 'id' | 'label' | 'required'>) {
  return (
    <label htmlFor={id} className="active">
      {label}
      {required ? <span aria-hidden="true"> *</span> : null}
    </label>
  );
}

function Feedback({ id, hint, error }: Pick<FieldChrome, 'id' | 'hint' | 'error'>) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="invalid-feedback d-block" data-testid={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </>
  );
}

type InputProps = FieldChrome &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'onChange' | 'value'> & {
    readonly value: string;
    readonly onValueChange: (value: string) => void;
  };

export function TextField({ id, label, error, hint, required, className, value, onValueChange, ...rest }: InputProps) {
  return (
    <div className={`form-group ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      <input
        {...rest}
        id={id}
        type={rest.type ?? 'text'}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}

type TextAreaProps = FieldChrome &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className' | 'onChange' | 'value'> & {
    readonly value: string;
    readonly onValueChange: (value: string) => void;
  };

export function TextAreaField({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onValueChange,
  ...rest
}: TextAreaProps) {
  return (
    <div className={`form-group ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      <textarea
        {...rest}
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

type SelectProps = FieldChrome &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className' | 'onChange' | 'value'> & {
    readonly value: string;
    readonly onValueChange: (value: string) => void;
    readonly options: readonly SelectOption[];
    /** Text of the empty first option; omit it when a value is always chosen. */
    readonly placeholder?: string;
  };

export function SelectField({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onValueChange,
  options,
  placeholder,
  ...rest
}: SelectProps) {
  return (
    <div className={`form-group select-wrapper ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      <select
        {...rest}
        id={id}
        className={error ? 'is-invalid' : undefined}
        value={value}
        onChange={(e) => onValueChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}

type CheckboxProps = Omit<FieldChrome, 'required'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'onChange' | 'checked' | 'type'> & {
    readonly checked: boolean;
    readonly onCheckedChange: (checked: boolean) => void;
  };

export function CheckboxField({ id, label, error, hint, className, checked, onCheckedChange, ...rest }: CheckboxProps) {
  return (
    <div className={`form-check ${className ?? ''}`}>
      <input
        {...rest}
        id={id}
        type="checkbox"
        className={error ? 'is-invalid' : undefined}
        checked={checked}
        onChange={(e) => onCheckedChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <label htmlFor={id}>{label}</label>
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}

/** Turns a label map (e.g. RELATION_LABELS) into select options, in the map's order. */
export function optionsFrom<K extends string>(labels: Readonly<Record<K, string>>): SelectOption[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

type FileProps = FieldChrome &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'onChange' | 'value' | 'type'> & {
    readonly inputRef?: Ref<HTMLInputElement>;
    readonly onFile: (file: File | null) => void;
  };

/** A CSV file chooser with label, hint and error tied to it, as every import page needs. */
export function FileField({ id, label, error, hint, required, className, inputRef, onFile, ...rest }: FileProps) {
  return (
    <div className={`form-group ${className ?? ''}`}>
      <Label id={id} label={label} required={required} />
      <input
        {...rest}
        ref={inputRef}
        id={id}
        type="file"
        accept=".csv,text/csv"
        className={`form-control${error ? ' is-invalid' : ''}`}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}
