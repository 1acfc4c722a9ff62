import { Box, Typography } from '@mui/material';
import { Login, LoginForm, useTranslate } from 'react-admin';
import { LocaleSwitch } from './LocaleSwitch.tsx';

/** React-admin's login form under the company's name, with the language switch (nobody is signed in yet). */
export function KontorLoginPage({ appName }: { appName: string }) {
  const translate = useTranslate();
  return (
    <Login sx={{ backgroundImage: 'linear-gradient(135deg, #2c4f2e 0%, #6b8f4e 100%)' }} avatarIcon={<span style={{ fontWeight: 700 }}>K</span>}>
      <Box sx={{ px: 2, pb: 1, textAlign: 'center' }}>
        <Typography variant="h6" component="h1">
          {appName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('kontor.auth.welcome', { app: 'Kontor' })}
        </Typography>
      </Box>
      <LoginForm />
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocaleSwitch />
      </Box>
    </Login>
  );
}
