import { fireEvent, screen, waitFor } from '@testing-library/react';

/** Opens an antd Select by its field test id and picks the option with this text. */
export async function pickOption(testId: string, option: string): Promise<void> {
  const select = screen.getByTestId(testId).closest('.ant-select') as HTMLElement;
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') as HTMLElement);
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent === option);
    if (!found) throw new Error(`no option ${option}`);
    return found as HTMLElement;
  });
  fireEvent.click(item);
}
