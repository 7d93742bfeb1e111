import type { AuthUser } from '../tokens/token.types';

// Who is calling is defined next to the tokens that carry it; features import it from here.
export type { AuthUser };

export interface AuthenticatedRequest {
  user?: AuthUser;
  headers: Record<string, string | string[] | undefined>;
}
