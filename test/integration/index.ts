// Entry point of the integration tests that run inside the extension host.
export async function run(): Promise<void> {}
