import { DomainError } from './errors';

/** A JSON body nested deeper than any request of this API needs. */
export class JsonTooDeep extends DomainError<{ max_depth: number }> {
  readonly kind = 'validation';
  readonly code = 'JSON_TOO_DEEP';
  constructor(maxDepth: number) {
    super(`The JSON body is nested deeper than ${maxDepth} levels`, { max_depth: maxDepth });
  }
}

/** An array or object with more members than any request of this API needs. */
export class JsonTooManyItems extends DomainError<{ max_items: number }> {
  readonly kind = 'too_large';
  readonly code = 'JSON_TOO_MANY_ITEMS';
  constructor(maxItems: number) {
    super(`An array or object of the JSON body has more than ${maxItems} members`, { max_items: maxItems });
  }
}

/** A character no stored text may hold: NUL (PostgreSQL refuses it) or half of a UTF-16 surrogate pair. */
export class InvalidCharacter extends DomainError<{ where: 'body' | 'url'; character: 'NUL' | 'lone surrogate' }> {
  readonly kind = 'validation';
  readonly code = 'INVALID_CHARACTER';
  constructor(where: 'body' | 'url', character: 'NUL' | 'lone surrogate') {
    super(`The request ${where} contains a ${character} character, which is not accepted`, { where, character });
  }
}

/** JSON is exchanged as UTF-8 (RFC 8259 §8.1); other charsets would defeat the byte-level checks. */
export class UnsupportedCharset extends DomainError<{ charset: string }> {
  readonly kind = 'validation';
  readonly code = 'UNSUPPORTED_CHARSET';
  constructor(charset: string) {
    super(`JSON bodies must be UTF-8, got charset "${charset}"`, { charset });
  }
}
