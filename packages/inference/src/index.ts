/**
 * @packageDocumentation
 * @nexfitra/inference — not built yet: this entry exports nothing. See README.md for what it will hold.
 */
export {};
