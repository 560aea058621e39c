export * from './auth';
export * from './workspaces';
export * from './phones';
export * from './templates';
export * from './leads';
export * from './campaigns';
export * from './messages';
export * from './leadgen';
