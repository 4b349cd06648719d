import { KqlTimespan, KqlValue } from '../../values';
import { SyntaxNode, syntaxKind } from '../syntax';
import { parseDatetime, parseTimespan } from '../value-conversions';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The value of a literal (`"text"`, `42`, `1.5`, `true`, `datetime(2024-05-01)`, `1h`, `guid(...)`, `int(null)`,
 * `dynamic({...})`), from the language service's literal value. Where the language service's value is off (hex
 * longs, `real(+inf)`, `timespan(1.02:03:04)`) or time-zone dependent (datetimes), the literal's text is read.
 */
export function literalValue(node: SyntaxNode): KqlValue {
  const kind = syntaxKind(node);
  const text = String(node.Token?.Text ?? '').trim();
  const inner = /^\w+\(\s*(.*?)\s*\)$/s.exec(text)?.[1];
  if (inner !== undefined && inner.toLowerCase() === 'null') {
    return null;
  }
  switch (kind) {
    case 'DateTimeLiteralExpression':
      return parseDatetime((inner ?? text).replace(/^["']|["']$/g, ''));
    case 'TimespanLiteralExpression': {
      if (inner !== undefined) {
        return parseTimespan(inner.replace(/^["']|["']$/g, ''));
      }
      const ticks = node.LiteralValue?.ticks;
      return ticks === undefined ? parseTimespan(text) : new KqlTimespan(ticks.toNumber() / 10_000);
    }
    case 'LongLiteralExpression':
      if (/^0x[0-9a-f]+$/i.test(text)) {
        return Number.parseInt(text.slice(2), 16);
      }
      break;
    case 'RealLiteralExpression': {
      const special = (inner ?? '').toLowerCase();
      if (special === '+inf' || special === 'inf') {
        return Number.POSITIVE_INFINITY;
      }
      if (special === '-inf') {
        return Number.NEGATIVE_INFINITY;
      }
      if (special === 'nan') {
        return Number.NaN;
      }
      break;
    }
    case 'DynamicExpression':
      return parseDynamicLiteral(node);
    default:
      break;
  }
  return bridgeValue(node.LiteralValue);
}

function parseDynamicLiteral(node: SyntaxNode): KqlValue {
  const json = node.LiteralValue;
  if (typeof json !== 'string') {
    return null;
  }
  try {
    return JSON.parse(json) as KqlValue;
  } catch {
    return null;
  }
}

/** A Bridge.NET value (boxed number, Int64, Guid, ...) as a row value. */
function bridgeValue(value: any): KqlValue {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value !== 'object') {
    return value as KqlValue;
  }
  if (value.$boxed === true) {
    return bridgeValue(value.v);
  }
  const typeName = String(value.constructor?.$$name ?? '');
  if (typeName === 'System.Int64' || typeName === 'System.UInt64') {
    return value.toNumber();
  }
  if (typeName === 'System.Decimal') {
    return Number(String(value.toString()));
  }
  if (typeName === 'System.Guid') {
    return String(value.toString()).toLowerCase();
  }
  if (value instanceof Date) {
    return new Date(value.getTime());
  }
  return String(value);
}
