import { describe, expectTypeOf, it } from 'vitest';
import type { MeView } from '../../../../core/api/authApi';
import type { Paged } from '../../../../core/api/collections';
import type { GoogleAccountView, SharedDriveView } from '../../../../core/api/googleApi';
import type { Identity } from '../../../../core/identity/identity';
import type { Page, ProviderAccount, SharedDrive } from '../../../../core/providers/providerEntry';

// Checked by `tsc` (npm run typecheck): where a handler passes a core or
// provider value straight through, the wire type must say exactly what that
// value holds, so a client cannot be promised a field the server may omit.
describe('the wire contract says what the server sends', () => {
  it('a tested connection answers with the provider account as Drive reports it (displayName may be null)', () => {
    expectTypeOf<GoogleAccountView>().toEqualTypeOf<ProviderAccount>();
    expectTypeOf<Paged<SharedDriveView>>().toEqualTypeOf<Page<SharedDrive>>();
  });

  it('/api/me answers with the email of the token, which a Cognito user may lack', () => {
    expectTypeOf<MeView['email']>().toEqualTypeOf<Identity['email']>();
  });
});
