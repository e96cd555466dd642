/** A valid registration nobody else uses: every bench registration must end ACTIVE, so a failure is the stack's. */
export const registrationBody = (run: string, index: number) =>
  JSON.stringify({
    name: `Bench Customer ${index}`,
    email: `bench-${run}-${index}@example.com`,
    phone: '+49 30 1234567',
    address: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    creditLimit: 1000,
  });
