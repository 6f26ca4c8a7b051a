// The npm datapackage package (1.1.10, Frictionless' JavaScript library) loads the descriptor from the service and
// from the zip, validates it, and reads every resource cast to its Table Schema, foreign keys resolved.
const { Package } = require('datapackage');

const fail = (what) => { console.error('FAILED:', what); process.exit(1); };

(async () => {
  const base = process.env.BASE;
  const totals = {};
  for (const [name, path] of [['observations', '/v1/observations'], ['derived', '/v1/observations?kind=derived'],
    ['indicators', '/v1/indicators'], ['entities', '/v1/entities'], ['sources', '/v1/sources']]) {
    totals[name] = (await (await fetch(base + path)).json()).total;
  }
  for (const source of [`${base}/datapackage.json`, process.argv[2]]) {
    const dataPackage = await Package.load(source);
    if (!dataPackage.valid) fail(`${source}: ${dataPackage.errors.map((e) => e.message).join('; ')}`);
    if (dataPackage.descriptor.profile !== 'tabular-data-package') fail('profile');
    if (!/^1\.0\.0\+[0-9a-f]{16}$/.test(dataPackage.descriptor.version)) fail(`version ${dataPackage.descriptor.version}`);
    if (dataPackage.descriptor.licenses[0].name !== 'CC-BY-4.0') fail('licence');
    for (const resource of dataPackage.resources) {
      const rows = await resource.read({ keyed: true, relations: true });
      if (rows.length !== totals[resource.name]) fail(`${resource.name}: ${rows.length} rows, the JSON has ${totals[resource.name]}`);
      if (resource.name === 'observations' || resource.name === 'derived') {
        if (rows.some((r) => typeof r.value !== 'number')) fail(`${resource.name}: a value is not a number`);
        if (rows.some((r) => typeof r.periodInferred !== 'boolean')) fail(`${resource.name}: periodInferred is not a boolean`);
      }
      console.log(`datapackage ${source.endsWith('.zip') ? 'zip' : 'url'} ${resource.name}: ${rows.length} rows, valid, foreign keys resolved`);
    }
  }
})().catch((error) => fail(`${error.message} ${JSON.stringify(error.errors || '')}`));
