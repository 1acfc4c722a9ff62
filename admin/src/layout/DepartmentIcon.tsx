import { Icon } from '@mui/material';

/** A Material icon by its name from departments.yaml (`icon: warehouse`), drawn from the bundled icon font. */
export function DepartmentIcon({ name, fontSize = 'small' }: { name: string | null | undefined; fontSize?: 'small' | 'medium' | 'large' }) {
  return (
    <Icon fontSize={fontSize} aria-hidden baseClassName="material-icons">
      {name ?? 'folder'}
    </Icon>
  );
}
