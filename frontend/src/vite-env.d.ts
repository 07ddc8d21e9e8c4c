/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "0" hides the demo-account hint on the login page (shown by default: demo mode is the default). */
  readonly VITE_BANGFU_DEMO?: string;
  /** The demo password shown in the hint (the server's BANGFU_DEMO_PASSWORD); default bangfu-demo. */
  readonly VITE_BANGFU_DEMO_PASSWORD?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
