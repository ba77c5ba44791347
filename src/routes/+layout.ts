// The whole app runs in the browser: a static SPA whose data lives on the device.
export const ssr = false;
export const prerender = false;
