// The API (the form bypassed, as with curl) refuses exactly what the form refuses.
import { test, expect } from '@playwright/test';
import { REGISTRATION_NUMBER, boardTotal, someMahalla, validDraft } from './helpers.mjs';

test('the API refuses what the form would refuse', async ({ request }) => {
  const before = await boardTotal(request);

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

  expect(await boardTotal(request)).toBe(before);

  // A valid appeal through the same endpoint is registered.
  const mahalla = await someMahalla(request);
  const accepted = await request.post('/api/appeals/submit', { data: { draft: validDraft(mahalla.id) } });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const { number } = await accepted.json();
  expect(number).toMatch(REGISTRATION_NUMBER);
  expect(await boardTotal(request)).toBe(before + 1);
});
