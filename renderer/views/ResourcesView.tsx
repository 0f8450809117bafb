// Resources: each one's capacity, what is available now and which steps hold allocations.
import { useEffect, type ReactElement } from 'react';
import { useActions, useResourcesStore } from '../app/hooks.js';

const round = (value: number): string => String(Math.round(value * 100) / 100);

export function ResourcesView(): ReactElement {
  const resources = useResourcesStore((state) => state.resources);
  const loaded = useResourcesStore((state) => state.loaded);
  const { loadResources } = useActions();
  useEffect(() => {
    void loadResources();
  }, [loadResources]);
  return (
    <section className="view" aria-labelledby="resources-title">
      <header className="view__header">
        <h1 id="resources-title">Resources</h1>
        <button type="button" className="button" onClick={() => void loadResources()}>Refresh</button>
      </header>
      {resources.length === 0 ? (
        <p className="muted empty">{loaded ? 'No resources defined.' : 'Loading resources…'}</p>
      ) : (
        <table className="table">
          <thead>
            <tr><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Capacity</th><th scope="col">Available</th><th scope="col">Use</th><th scope="col">Allocations</th></tr>
          </thead>
          <tbody>
            {resources.map((resource) => (
              <tr key={resource.id}>
                <td className="mono">{resource.id}</td>
                <td>{resource.type}</td>
                <td>{round(resource.capacity)} {resource.unit}</td>
                <td>{round(resource.available)} {resource.unit}</td>
                <td>
                  <meter className="meter" min={0} max={resource.capacity} value={resource.capacity - resource.available} aria-label={`${resource.id} in use`}>
                    {round(resource.capacity - resource.available)}
                  </meter>
                </td>
                <td className="muted">
                  {resource.allocations.length === 0 ? 'none' : resource.allocations.map((allocation) => `${allocation.taskId} (${round(allocation.amount)})`).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
