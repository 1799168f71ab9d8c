export const id = 327;
export const ids = [327];
export const modules = {

/***/ 1327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseRunReport: () => (/* binding */ parseRunReport)
/* harmony export */ });
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2463);
/* harmony import */ var ajv__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(ajv__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _judge_severity_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(264);
/* harmony import */ var _judge_acceptance_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2592);
/* harmony import */ var _report_schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9268);
/* harmony import */ var _dependency_reports_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4587);






// Unknown properties are dropped, so nothing the schema does not know reaches a renderer.
const validate = new ajv__WEBPACK_IMPORTED_MODULE_3__.Ajv({ removeAdditional: 'all' }).compile(_report_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .RUN_REPORT_SCHEMA */ .v);
/**
 * Parses and checks a run report read from outside; the error names the first problem. Its own
 * acceptances are dropped (whoever wrote the file wrote them): only `acceptances`, from the reading
 * workflow's config, are applied, and the risks are recomputed from the findings, so a report cannot
 * understate what it holds.
 */
function parseRunReport(json, where, acceptances = []) {
    let value;
    try {
        value = JSON.parse(json, withoutNulls);
    }
    catch (error) {
        throw new Error(`${where}: not JSON (${error instanceof Error ? error.message : error})`);
    }
    if (!validate(value))
        throw new Error(`${where}: not an sdist-diff run report (${describe(validate.errors)})`);
    const judged = (report) => {
        const findings = (0,_judge_acceptance_js__WEBPACK_IMPORTED_MODULE_4__/* .markAccepted */ .t0)(report.findings.map(withoutAcceptance), acceptances);
        const risk = (0,_judge_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)(findings.filter(f => !f.accepted).map(f => f.severity));
        return { ...report, findings, risk };
    };
    const packages = value.packages.map(p => {
        const wheels = p.wheels?.map(judged);
        const own = judged(p);
        return {
            ...own,
            ...(wheels && { wheels }),
            risk: (0,_judge_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)([own.risk, ...(wheels ?? []).map(w => w.risk)])
        };
    });
    const dependencies = value.dependencies?.map(entry => {
        const findings = (0,_judge_acceptance_js__WEBPACK_IMPORTED_MODULE_4__/* .markAccepted */ .t0)(entry.findings.map(withoutAcceptance), acceptances);
        const own = findings.filter(f => !f.accepted).map(f => f.severity);
        const judgedAs = packages.find(p => (0,_dependency_reports_js__WEBPACK_IMPORTED_MODULE_2__/* .isReleaseOf */ .b)(p, entry));
        return { ...entry, findings, risk: (0,_judge_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)([...own, judgedAs?.risk ?? 'none']) };
    });
    const risks = [...packages.map(p => p.risk), ...(dependencies ?? []).map(d => d.risk)];
    return { ...value, packages, ...(dependencies && { dependencies }), risk: (0,_judge_severity_js__WEBPACK_IMPORTED_MODULE_0__/* .highestRisk */ .gh)(risks) };
}
/**
 * JSON null is kept only where the types have it (`previous` of a report and of its glance, and a
 * dependency's `previous` and `current`); anywhere
 * else it is dropped, so that the `nullable` of an optional property lets through absence, never null.
 */
function withoutNulls(key, value) {
    return value === null && key !== 'previous' && key !== 'current' ? undefined : value;
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