// The API (the form bypassed, as with curl) refuses exactly what the form refuses, also for a
// signed-in citizen, and files nothing for anyone who is not one.
import { test, expect } from '@playwright/test';
import {
  DEMO,
  REGISTRATION_NUMBER,
  apiClientAs,
  boardTotal,
  myAppeals,
  registerViaApi,
  someMahalla,
  validDraft,
} from './helpers.mjs';

test('the API refuses what the form would refuse', async ({ request, playwright, baseURL }) => {
  // The system administrator's board counts every appeal there is.
  const admin = await apiClientAs(playwright, baseURL, DEMO.systemAdmin.phone);
  const before = await boardTotal(admin);
  const mahalla = await someMahalla(request);

  // Nobody signed in: 401, whatever the draft.
  const valid = { data: { draft: validDraft(mahalla.id) } };
  const anonymous = await request.post('/api/appeals/submit', valid);
  expect(anonymous.status(), await anonymous.text()).toBe(401);
  // Staff do not file appeals: 403.
  const byStaff = await admin.post('/api/appeals/submit', valid);
  expect(byStaff.status(), await byStaff.text()).toBe(403);
  expect(await boardTotal(admin)).toBe(before);

  // A citizen, signed in on `request` from here on.
  await registerViaApi(request, { fullName: 'Aziz Rahimov' });

  const refused = await request.post('/api/appeals/submit', {
    data: {
      draft: {
        kind: 'petition',
        mahalla_id: 999999,
        street_address: '',
        citizen_name: '',
        citizen_phone: '123',
        text: 'x'.repeat(4001),
      },
    },
  });
  expect(refused.status(), await refused.text()).toBe(422);
  // The body names every field in error (app/src/error.rs, app/src/appeal/mod.rs):
  // {"invalid":[{"field":"citizen_phone","problem":"phone_format"},
  //             {"field":"text","problem":{"too_long":{"max":4000}}}, …]}
  const body = await refused.json();
  expect(Object.keys(body)).toEqual(['invalid']);
  const details = body.invalid;
  expect(Array.isArray(details)).toBe(true);
  const fields = details.map((d) => d.field);
  expect(fields.sort()).toEqual(
    ['citizen_name', 'citizen_phone', 'kind', 'mahalla', 'street_address', 'text'].sort(),
  );
  const problem = (field) => details.find((d) => d.field === field).problem;
  expect(problem('kind')).toEqual('unknown_kind');
  expect(problem('mahalla')).toEqual('unknown_mahalla');
  expect(problem('street_address')).toEqual('required');
  expect(problem('citizen_name')).toEqual('required');
  expect(problem('citizen_phone')).toEqual('phone_format');
  expect(problem('text')).toEqual({ too_long: { max: 4000 } });

  expect(await boardTotal(admin)).toBe(before);
  expect(await myAppeals(request)).toEqual([]);

  // A valid appeal through the same endpoint is registered, to this citizen.
  const accepted = await request.post('/api/appeals/submit', valid);
  expect(accepted.status(), await accepted.text()).toBe(200);
  const { number } = await accepted.json();
  expect(number).toMatch(REGISTRATION_NUMBER);
  expect(await boardTotal(admin)).toBe(before + 1);
  expect((await myAppeals(request)).map((a) => a.number)).toEqual([number]);

  await admin.dispose();
});
