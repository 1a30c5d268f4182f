// County and prefecture boundaries per province, loaded with the map page (Vite emits each file
// as a hashed, cacheable asset; nothing is fetched until a map is drawn). A province is drawn
// only if it is in this table. ECharts is not needed here: the chart registers the map itself.
import hljCounties from '../../../../data/regions/heilongjiang-counties.geojson?url';
import hljPrefectures from '../../../../data/regions/heilongjiang-prefectures.geojson?url';

interface Source {
  /** GeoJSON of the county-level units: properties adcode, name, parent_code, parent_name. */
  counties: string;
  /** GeoJSON of the prefectures, drawn as borders over the counties. */
  prefectures: string;
}

/** Boundary files by province code (data/regions/README.md describes them). */
const SOURCES: Record<string, Source> = {
  '230000': { counties: hljCounties, prefectures: hljPrefectures },
};

export function hasGeometry(province: string | undefined): boolean {
  return !!province && province in SOURCES;
}

export interface Feature {
  code: string;
  name: string;
  prefecture: string | null;
  prefectureName: string | null;
}

export interface Geometry {
  /** The name the county map is registered under in ECharts. */
  map: string;
  /** The counties as GeoJSON with each feature's `name` set to its code (ECharts' region key). */
  counties: unknown;
  features: Feature[];
  /** The prefectures' rings, [lon, lat] pairs, for the border lines. */
  outlines: [number, number][][];
  /** Horizontal scale for the latitude (cos of the middle latitude), so shapes are not stretched. */
  aspectScale: number;
}

type Ring = [number, number][];
interface GeoJson {
  type: 'FeatureCollection';
  features: {
    properties: Record<string, unknown>;
    geometry:
      { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
  }[];
}

function rings(g: GeoJson['features'][number]['geometry']): Ring[] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

async function getJson(url: string): Promise<GeoJson> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return (await res.json()) as GeoJson;
}

const loaded = new Map<string, Promise<Geometry>>();

/** The province's boundaries, fetched and registered once per page load. */
export function loadGeometry(province: string): Promise<Geometry> {
  const source = SOURCES[province];
  if (!source) return Promise.reject(new Error(`no geometry for ${province}`));
  let p = loaded.get(province);
  if (!p) {
    p = (async () => {
      const [counties, prefectures] = await Promise.all([
        getJson(source.counties),
        getJson(source.prefectures),
      ]);
      let lo = Infinity;
      let hi = -Infinity;
      for (const f of counties.features)
        for (const ring of rings(f.geometry))
          for (const [, lat] of ring) {
            if (lat < lo) lo = lat;
            if (lat > hi) hi = lat;
          }
      return {
        map: `leitai-${province}`,
        // ECharts reads `name` as the region's key; the code is the key here, so names never collide.
        counties: {
          type: 'FeatureCollection',
          features: counties.features.map((f) => ({
            ...f,
            properties: { ...f.properties, name: String(f.properties.adcode) },
          })),
        },
        features: counties.features.map((f) => ({
          code: String(f.properties.adcode),
          name: String(f.properties.name),
          prefecture: f.properties.parent_code ? String(f.properties.parent_code) : null,
          prefectureName: f.properties.parent_name ? String(f.properties.parent_name) : null,
        })),
        outlines: prefectures.features.flatMap((f) => rings(f.geometry)),
        aspectScale: Math.cos((((lo + hi) / 2) * Math.PI) / 180),
      };
    })();
    p.catch(() => loaded.delete(province));
    loaded.set(province, p);
  }
  return p;
}
