import { describe, expect, it } from 'vitest';
import { FAR_ZOOM, OVERVIEW_ZOOM, zoomLevel } from '../../../../renderer/canvas/ZoomDetail.js';

describe('zoom level of the canvas', () => {
  it('shows full detail from the zoom a step name stays readable at', () => {
    expect(zoomLevel(1)).toBe('near');
    expect(zoomLevel(FAR_ZOOM)).toBe('near');
  });

  it('draws steps as plain boxes once zoomed out past reading', () => {
    expect(zoomLevel(0.3)).toBe('far');
    expect(zoomLevel(OVERVIEW_ZOOM)).toBe('far');
  });

  it('is an overview, without edges, once edges are too thin to see', () => {
    expect(zoomLevel(0.07)).toBe('overview');
    expect(zoomLevel(0.05)).toBe('overview');
  });
});
