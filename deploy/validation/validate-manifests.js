"use strict";
// Validates rendered Kubernetes manifests (multi-document YAML files, as `kubectl kustomize` prints them) offline.
// Exits 1, listing every problem, if any object is invalid or of a kind it has no schema for: an object that cannot
// be checked is never passed silently.
//
// Two passes over every object:
//   1. Schema: kubernetes-models' validators, generated from the Kubernetes OpenAPI schemas (types, required fields,
//      formats such as quantities and ports).
//   2. Field names: the OpenAPI schemas allow unknown fields, so a misspelled optional field (`readinessProbes`)
//      would pass the first pass and be silently dropped by the API server. Each object is therefore also compiled
//      as a TypeScript object literal typed with kubernetes-models' interfaces; the compiler's excess-property check
//      rejects any field the Kubernetes type does not have, at any depth.
// Neither pass knows which string values a field accepts where the schema says only "string" (e.g. a metric target
// `type`); the API server checks those.
//
// Usage: node validate-manifests.js RENDERED.yaml...

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const YAML = require("yaml");
const ts = require("typescript");

const API_VERSION = /^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

function modulePath(apiVersion, kind) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

function loadModel(apiVersion, kind) {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) {
    return undefined;
  }
  try {
    return require(modulePath(apiVersion, kind))[kind];
  } catch (error) {
    if (error && (error.code === "MODULE_NOT_FOUND" || error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED")) {
      return undefined;
    }
    throw error;
  }
}

function describe(object) {
  return `${object?.kind ?? "<no kind>"}/${object?.metadata?.name ?? "<no name>"}`;
}

function checkSchema(object) {
  if (object === null || typeof object !== "object" || Array.isArray(object)) {
    return "is not a YAML mapping";
  }
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return "has no apiVersion or kind";
  }
  if (typeof object.metadata?.name !== "string" || object.metadata.name.length === 0) {
    return "has no metadata.name";
  }
  const Model = loadModel(apiVersion, kind);
  if (Model === undefined) {
    return `has no schema in kubernetes-models for ${apiVersion} ${kind}`;
  }
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return String(error.message ?? error);
  }
}

// entries: [{ file, object }], all of which passed checkSchema. Returns one message per unknown field or type error.
function checkFieldNames(entries) {
  if (entries.length === 0) {
    return [];
  }
  const lines = [];
  const owners = [];
  entries.forEach(({ object }, index) => {
    lines.push(`import type { I${object.kind} as T${index} } from "${modulePath(object.apiVersion, object.kind)}";`);
  });
  entries.forEach((entry, index) => {
    const body = `export const object${index}: T${index} = ${JSON.stringify(entry.object, null, 2)};`.split("\n");
    for (const line of body) {
      lines.push(line);
      owners.push({ line: lines.length - 1, entry });
    }
  });

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tag-manifest-fields-"));
  try {
    const file = path.join(directory, "manifests.ts");
    fs.writeFileSync(file, lines.join("\n"));
    const program = ts.createProgram([file], {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      types: [],
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      baseUrl: __dirname,
      paths: { "*": ["node_modules/*"] },
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      if (diagnostic.file === undefined || diagnostic.start === undefined) {
        return `field check: ${message}`;
      }
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const owner = owners.find((candidate) => candidate.line === line);
      const where = owner ? `${owner.entry.file}: ${describe(owner.entry.object)}` : "field check";
      return `${where}: ${message}`;
    });
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function readObjects(file, problems) {
  const objects = [];
  YAML.parseAllDocuments(fs.readFileSync(file, "utf8")).forEach((document, index) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        problems.push(`${file}: document ${index + 1}: YAML error: ${error.message}`);
      }
      return;
    }
    const object = document.toJS();
    if (object !== null && object !== undefined) {
      objects.push(object);
    }
  });
  if (objects.length === 0 && problems.length === 0) {
    problems.push(`${file}: contains no Kubernetes objects`);
  }
  return objects;
}

function main(files) {
  if (files.length === 0) {
    console.error("usage: node validate-manifests.js RENDERED.yaml...");
    return 2;
  }
  const problems = [];
  const schemaValid = [];
  for (const file of files) {
    for (const object of readObjects(file, problems)) {
      const problem = checkSchema(object);
      if (problem === undefined) {
        schemaValid.push({ file, object });
      } else {
        problems.push(`${file}: ${describe(object)}: ${problem}`);
      }
    }
  }
  problems.push(...checkFieldNames(schemaValid));

  if (problems.length > 0) {
    for (const problem of problems) {
      console.error(`INVALID ${problem}`);
    }
    return 1;
  }
  for (const file of files) {
    const names = schemaValid.filter((entry) => entry.file === file).map((entry) => describe(entry.object));
    console.log(`valid   ${file}: ${names.length} objects (${names.join(", ")})`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
