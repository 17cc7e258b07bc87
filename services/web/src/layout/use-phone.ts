import { Grid } from 'antd';

/**
 * True below Ant Design's lg breakpoint (992 px): phones and narrow tablets, where the console swaps the side menu for
 * a drawer and lists for cards. The first render (before the observer reports) counts as desktop.
 */
export function usePhone(): boolean {
  return Grid.useBreakpoint().lg === false;
}
