// Syntax node types the view reads alike in every grammar.

/** String literals, with or without interpolation. */
export const STRINGS = new Set(["string", "template_string", "concatenated_string"]);
/** An interpolated part of a string (`{x}` in an f-string, `${x}` in a template). */
export const SUBSTITUTION = new Set(["interpolation", "template_substitution"]);
/** Literal numbers, booleans and nulls. */
export const CONSTANTS = new Set(["integer", "float", "number", "true", "false", "none", "null", "undefined"]);
/** Function values passed as arguments (callbacks): code to run later, never data bound into a query. */
export const FUNCTION_VALUES = new Set(["arrow_function", "function_expression", "function", "generator_function", "lambda"]);
