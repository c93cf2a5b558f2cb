export { ConfigFileSchema, type ConfigFile, type SettingKey, type Override, type TestPolicy } from "./schema.js";
export { loadConfig, CONFIG_NAMES, type LoadedConfig } from "./loadConfigFile.js";
export { resolveSettings, describeOrigin, type EffectiveSettings, type Origin, type SettingLayers } from "./resolveSettings.js";
export { SETTINGS, envName, type SettingSpec } from "./settings.js";
export { settingsJson, settingsText } from "./showSettings.js";
