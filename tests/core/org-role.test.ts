import assert from 'node:assert/strict';
import { hasOrgRole, orgRolesFromClaim } from '../../bot/core/org-role.js';

describe('orgRolesFromClaim', () => {
  it('maps the Entra ID app-role values to organisation roles', () => {
    assert.deepEqual(orgRolesFromClaim(['UnionRepresentative', 'Administrator', 'CompetenceUnit']), ['administrator', 'competenceUnit', 'unionRepresentative']);
  });

  it('ignores unknown values, other spellings, non-strings and duplicates', () => {
    assert.deepEqual(orgRolesFromClaim(['Task.Write', 'administrator', 42, null, 'CompetenceUnit', 'CompetenceUnit']), ['competenceUnit']);
  });

  it('gives no roles for a missing or malformed claim', () => {
    assert.deepEqual(orgRolesFromClaim(undefined), []);
    assert.deepEqual(orgRolesFromClaim('Administrator'), []);
  });
});

describe('hasOrgRole', () => {
  it('is true when any allowed role is held, false otherwise', () => {
    assert.equal(hasOrgRole(['unionRepresentative'], 'administrator', 'unionRepresentative'), true);
    assert.equal(hasOrgRole(['competenceUnit'], 'administrator'), false);
    assert.equal(hasOrgRole([], 'administrator'), false);
  });
});
