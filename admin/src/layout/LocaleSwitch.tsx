import { LocalesMenuButton } from 'react-admin';

/** The language menu (German / English); the choice is remembered in the browser. */
export function LocaleSwitch() {
  return <LocalesMenuButton />;
}
