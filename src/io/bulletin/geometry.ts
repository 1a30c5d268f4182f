import { readFileSync } from 'node:fs';
import { DATA_DIR } from '../paths.js';

// County boundaries per province for the map chart, the server's twin of the web's table
// (web/src/pages/map/geometry.ts): a province is drawn only if it is listed here.
const COUNTY_FILES: Record<string, string> = {
  '230000': 'heilongjiang-counties.geojson',
};

type Ring = [number, number][];
type Geometry =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface CountyFeature {
  type: 'Feature';
  properties: { adcode: string; name: string; parent_code?: string; [k: string]: unknown };
  geometry: Geometry;
}

export interface CountyGeoJson {
  type: 'FeatureCollection';
  features: CountyFeature[];
}

const cache = new Map<string, CountyGeoJson>();

/** The province's county-level polygons (data/regions/README.md), or null when there are none. */
export function countyGeoJson(province: string): CountyGeoJson | null {
  const file = COUNTY_FILES[province];
  if (!file) return null;
  let g = cache.get(province);
  if (!g) {
    g = JSON.parse(readFileSync(`${DATA_DIR}regions/${file}`, 'utf8')) as CountyGeoJson;
    cache.set(province, g);
  }
  return g;
}

export function rings(g: Geometry): Ring[] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}
