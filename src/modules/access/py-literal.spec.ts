import { InvalidRuleDomain } from './access.errors';
import { evalPyLiteral } from './py-literal';

describe('evalPyLiteral', () => {
  it('evaluates a rule domain with the user’s names', () => {
    expect(evalPyLiteral("[('user_id', '=', user.id), ('company_id', 'in', company_ids + [False])]", { user: { id: 6 }, company_ids: [1] })).toEqual([
      ['user_id', '=', 6],
      ['company_id', 'in', [1, false]],
    ]);
  });

  it('refuses what follows a complete expression rather than ignoring it', () => {
    expect(() => evalPyLiteral("[('user_id', '=', 6)] [(1, '=', 1)]", {})).toThrow(InvalidRuleDomain);
  });
});
