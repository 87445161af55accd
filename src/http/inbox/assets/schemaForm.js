// An edit form generated from a tool's JSON Schema: one labelled field per argument, typed as the
// schema says (number, text, choice, yes/no; anything nested as JSON), prefilled with the call's
// arguments. The server checks the result against the same schema; the form only helps.
import { h } from './dom.js';

let formCount = 0;

/** A schema for arguments that came without one (requests raised before schemas were sent): typed by their values. */
export function schemaFromArgs(args) {
  const properties = {};
  for (const [key, value] of Object.entries(args)) {
    const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : undefined;
    properties[key] = type ? { type } : {};
  }
  return { type: 'object', properties };
}

function kindOf(schema) {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return 'choice';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string') return 'text';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  return 'json';
}

/** One argument's input, its label and hint, and how to read its value back. */
function field(id, key, schema, value, required) {
  const kind = kindOf(schema);
  const label = h('label', { for: id }, schema.title ?? key, required ? h('span', { class: 'required' }, ' (required)') : null);
  const hintId = `${id}-hint`;
  const hintText = [schema.description, kind === 'json' ? 'JSON' : null].filter(Boolean).join(' · ');
  const hint = hintText ? h('p', { id: hintId, class: 'hint' }, hintText) : null;
  const common = { id, name: key, 'aria-describedby': hint ? hintId : null, required: required && kind !== 'boolean' };
  let input;
  let read;
  if (kind === 'choice') {
    input = h('select', common, schema.enum.map((option) => h('option', { value: option, selected: option === value }, option)));
    read = () => input.value;
  } else if (kind === 'text') {
    const pattern = typeof schema.pattern === 'string' ? schema.pattern : null;
    input = h('input', { ...common, type: schema.format === 'email' ? 'email' : 'text', minlength: schema.minLength, maxlength: schema.maxLength, pattern });
    input.value = value ?? '';
    read = () => (input.value === '' && !required ? undefined : input.value);
  } else if (kind === 'number') {
    const integer = schema.type === 'integer';
    input = h('input', { ...common, type: 'number', inputmode: integer ? 'numeric' : 'decimal', step: integer ? 1 : 'any', min: schema.minimum, max: schema.maximum });
    input.value = value ?? '';
    read = () => (input.value === '' ? undefined : input.valueAsNumber);
  } else if (kind === 'boolean') {
    input = h('input', { ...common, type: 'checkbox', checked: value === true });
    read = () => input.checked;
  } else {
    input = h('textarea', { ...common, rows: 3, spellcheck: 'false' });
    input.value = value === undefined ? '' : JSON.stringify(value, null, 2);
    read = () => {
      if (input.value.trim() === '') return undefined;
      try {
        input.setCustomValidity('');
        return JSON.parse(input.value);
      } catch {
        input.setCustomValidity('Not valid JSON');
        throw new Error(`${key} is not valid JSON`);
      }
    };
  }
  const element = kind === 'boolean' ? h('div', { class: 'field check' }, input, label, hint) : h('div', { class: 'field' }, label, input, hint);
  return { element, read };
}

/**
 * The fields of an object schema, prefilled with `args`. `read()` gives the edited arguments, or
 * throws when a field is not valid (the browser shows which).
 */
export function argumentFields(schema, args) {
  const form = formCount++;
  const properties = schema?.properties ?? {};
  const required = new Set(schema?.required ?? []);
  // Arguments the schema does not describe stay editable too.
  const keys = [...new Set([...Object.keys(properties), ...Object.keys(args)])];
  const fields = keys.map((key) => ({ key, ...field(`arg-${form}-${key}`, key, properties[key] ?? {}, args[key], required.has(key)) }));
  return {
    elements: fields.map((f) => f.element),
    read() {
      const edited = {};
      for (const f of fields) {
        const value = f.read();
        if (value !== undefined) edited[f.key] = value;
      }
      return edited;
    },
  };
}
