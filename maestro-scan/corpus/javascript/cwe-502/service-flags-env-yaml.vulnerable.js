const yaml = require('js-yaml');

function loadFeatureFlags() {
  const raw = process.env.FEATURE_FLAGS_YAML || '{}';
  const flags = yaml.load(raw, { schema: yaml.DEFAULT_FULL_SCHEMA });
  return new Map(Object.entries(flags));
}

const flags = loadFeatureFlags();
module.exports = {
  isEnabled: (name) => flags.get(name) === true,
};
