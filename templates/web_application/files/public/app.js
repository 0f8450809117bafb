// Asks the server for its health and shows the answer on the page.
const status = document.getElementById('status');

try {
  const response = await fetch('/api/health');
  const health = await response.json();
  status.textContent = health.ok ? 'up (' + health.name + ' ' + health.version + ')' : 'unhealthy';
  status.className = health.ok ? 'ok' : 'down';
} catch {
  status.textContent = 'unreachable (opened as a file? run npm start)';
  status.className = 'down';
}
