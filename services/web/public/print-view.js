// The print views the API renders (/api/v1/.../print) load this from the console's origin: their
// content security policy allows no inline script. The 打印 button opens the browser's print dialog.
document.getElementById('print-now')?.addEventListener('click', () => window.print());
