export const id = 327;
export const ids = [327];
export const modules = {

/***/ 1327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseRunReport: () => (/* binding */ parseRunReport)
/* harmony export */ });
/* unused harmony export RUN_REPORT_SCHEMA */
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2463);
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(ajv__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _severity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9179);
/* harmony import */ var _judge_acceptance_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2592);



// The JSON schema of a run report (`--format json` of a release, the Action's `report-path`), used to read
// back a report that crossed a trust boundary (an artifact of a fork's workflow run). Strings are capped,
// so that a crafted report cannot make the comment step do unbounded work.
const text = (maxLength = 20_000) => ({ type: 'string', maxLength });
const list = (items, maxItems = 100_000) => ({ type: 'array', items, maxItems });
const risk = { enum: [..._severity_js__WEBPACK_IMPORTED_MODULE_0__/* .RISKS */ .F7] };
const summary = {
    type: 'object',
    required: ['name', 'version', 'filename', 'sha256'],
    properties: {
        name: text(300),
        version: text(300),
        filename: text(1000),
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }
    }
};
const glance = {
    type: 'object',
    required: ['version', 'dependencies', 'extras', 'entryPoints', 'files', 'bytes'],
    properties: {
        version: text(300),
        requiresPython: text(1000),
        dependencies: list(text(300), 10_000),
        extras: list(text(300), 10_000),
        license: text(2000),
        entryPoints: list(text(1000), 10_000),
        files: { type: 'integer', minimum: 0 },
        bytes: { type: 'integer', minimum: 0 }
    }
};
const archiveReport = {
    type: 'object',
    required: ['schemaVersion', 'previous', 'current', 'risk', 'findings', 'files', 'diffs'],
    properties: {
        schemaVersion: { const: 1 },
        previous: { anyOf: [{ type: 'null' }, summary] },
        current: summary,
        risk,
        glance: {
            type: 'object',
            required: ['previous', 'current'],
            properties: { previous: { anyOf: [{ type: 'null' }, glance] }, current: glance }
        },
        findings: list({
            type: 'object',
            required: ['rule', 'severity', 'message'],
            properties: {
                rule: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,60}$' },
                severity: { enum: [..._severity_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITIES */ .oC] },
                message: text(),
                path: text(4096),
                accepted: text(2000)
            }
        }),
        files: {
            type: 'object',
            required: [
                'added',
                'removed',
                'modified',
                'renamed',
                'modeChanged',
                'typeChanged',
                'unchanged'
            ],
            properties: {
                added: list(text(4096)),
                removed: list(text(4096)),
                modified: list(text(4096)),
                renamed: list({
                    type: 'object',
                    required: ['from', 'to'],
                    properties: {
                        from: text(4096),
                        to: text(4096),
                        similarity: { type: 'integer', minimum: 0, maximum: 100 }
                    }
                }),
                modeChanged: list(text(4096)),
                typeChanged: list(text(4096)),
                unchanged: { type: 'integer', minimum: 0 }
            }
        },
        diffs: list({
            type: 'object',
            required: ['path', 'kind', 'oldSize', 'newSize', 'oldSha256', 'newSha256'],
            properties: {
                path: text(4096),
                oldPath: text(4096),
                kind: { enum: ['text', 'binary', 'link', 'too-large'] },
                patch: text(1_000_000),
                note: text(2000),
                summarised: { const: true },
                oldSize: { type: 'integer', minimum: 0 },
                newSize: { type: 'integer', minimum: 0 },
                oldSha256: { type: 'string', pattern: '^([0-9a-f]{64})?$' },
                newSha256: { type: 'string', pattern: '^([0-9a-f]{64})?$' }
            }
        })
    }
};
/** A package's report: its sdist's, with the release's wheels of it (reports of the same shape). */
const report = {
    ...archiveReport,
    properties: { ...archiveReport.properties, wheels: list(archiveReport, 200) }
};
const RUN_REPORT_SCHEMA = {
    type: 'object',
    required: ['schemaVersion', 'risk', 'packages'],
    properties: {
        schemaVersion: { const: 1 },
        risk,
        packages: list(report, 1000),
        pullRequest: {
            type: 'object',
            required: ['number', 'headSha'],
            properties: {
                number: { type: 'integer', minimum: 1 },
                headSha: { type: 'string', pattern: '^[0-9a-f]{40}$' }
            }
        }
    }
};
// Unknown properties are dropped, so nothing the schema does not know reaches a renderer.
const validate = new ajv__WEBPACK_IMPORTED_MODULE_1__.Ajv({ removeAdditional: 'all' }).compile(RUN_REPORT_SCHEMA);
/**
 * Parses and checks a run report read from outside; the error names the first problem. Its own
 * acceptances are dropped (whoever wrote the file wrote them): only `acceptances`, from the reading
 * workflow's config, are applied, and the risks are recomputed from the findings, so a report cannot
 * understate what it holds.
 */
function parseRunReport(json, where, acceptances = []) {
    let value;
    try {
        value = JSON.parse(json);
    }
    catch (error) {
        throw new Error(`${where}: not JSON (${error instanceof Error ? error.message : error})`);
    }
    if (!validate(value))
        throw new Error(`${where}: not an sdist-diff run report (${describe(validate.errors)})`);
    const judged = (report) => {
        const findings = (0,_judge_acceptance_js__WEBPACK_IMPORTED_MODULE_2__/* .markAccepted */ .t0)(report.findings.map(withoutAcceptance), acceptances);
        const risk = (0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)(findings.filter(f => !f.accepted).map(f => f.severity));
        return { ...report, findings, risk };
    };
    const packages = value.packages.map(p => {
        const wheels = p.wheels?.map(judged);
        const own = judged(p);
        return {
            ...own,
            ...(wheels && { wheels }),
            risk: (0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)([own.risk, ...(wheels ?? []).map(w => w.risk)])
        };
    });
    return { ...value, packages, risk: (0,_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)(packages.map(p => p.risk)) };
}
function withoutAcceptance({ accepted: _dropped, ...finding }) {
    return finding;
}
function describe(errors) {
    const [first] = errors ?? [];
    return first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'invalid';
}


/***/ })

};

//# sourceMappingURL=327.index.js.map