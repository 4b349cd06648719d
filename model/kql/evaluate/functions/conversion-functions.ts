import { KqlTimespan, KqlValue } from '../../values';
import {
  toBool, toDatetime, toDynamic, toGuid, toInt, toKqlString, toLong, toReal, toTimespan,
} from '../value-conversions';
import { ScalarFunction } from './scalar-function';

/** Conversion and type functions (KQL reference, "Conversion functions", "Type functions"). */

/** A function that converts its one argument. */
function conversion(convert: (value: KqlValue) => KqlValue): ScalarFunction {
  return (call) => {
    const [argument] = call.args;
    return (row) => convert(argument(row));
  };
}

/** `gettype()` of a value whose static type is dynamic or unknown: the type of what it holds. */
function runtimeTypeName(value: KqlValue): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'string') {
    return 'string';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'long' : 'real';
  }
  if (typeof value === 'boolean') {
    return 'bool';
  }
  if (value instanceof Date) {
    return 'datetime';
  }
  if (value instanceof KqlTimespan) {
    return 'timespan';
  }
  return Array.isArray(value) ? 'array' : 'dictionary';
}


/** `isnotnull()` and its alias `notnull()`. */
const isNotNull: ScalarFunction = (call) => {
  const [argument] = call.args;
  return (row) => argument(row) !== null;
};

export const CONVERSION_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  tostring: conversion(toKqlString),
  toint: conversion(toInt),
  tolong: conversion(toLong),
  toreal: conversion(toReal),
  todouble: conversion(toReal),
  todecimal: conversion(toReal),
  tobool: conversion(toBool),
  toboolean: conversion(toBool),
  todatetime: conversion(toDatetime),
  totimespan: conversion(toTimespan),
  totime: conversion(toTimespan),
  toguid: conversion(toGuid),
  parse_json: conversion(toDynamic),
  todynamic: conversion(toDynamic),
  toobject: conversion(toDynamic),
  isnull: (call) => {
    const [argument] = call.args;
    return (row) => argument(row) === null;
  },
  isnotnull: isNotNull,
  notnull: isNotNull,
  gettype: (call) => {
    const [argument] = call.args;
    const staticType = call.argumentTypes[0];
    if (staticType !== 'dynamic' && staticType !== 'unknown') {
      return () => staticType;
    }
    return (row) => runtimeTypeName(argument(row));
  },
};
