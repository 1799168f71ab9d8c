#!/usr/bin/env node
import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1268:
/***/ ((module) => {

/*!
 * /**
 *  * Copyright (c) Meta Platforms, Inc. and affiliates.
 *  *
 *  * This source code is licensed under the MIT license found in the
 *  * LICENSE file in the root directory of this source tree.
 *  * /
 */
/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
let __nested_webpack_exports__ = {};
// This entry needs to be wrapped in an IIFE because it uses a non-standard name for the exports (exports).
(() => {
let exports = __nested_webpack_exports__;


Object.defineProperty(exports, "__esModule", ({
  value: true
}));
exports["default"] = diffSequence;
/**
 * Copyright (c) Meta Platforms, Inc. and affiliates.
 *
 * This source code is licensed under the MIT license found in the
 * LICENSE file in the root directory of this source tree.
 *
 */

// This diff-sequences package implements the linear space variation in
// An O(ND) Difference Algorithm and Its Variations by Eugene W. Myers

// Relationship in notation between Myers paper and this package:
// A is a
// N is aLength, aEnd - aStart, and so on
// x is aIndex, aFirst, aLast, and so on
// B is b
// M is bLength, bEnd - bStart, and so on
// y is bIndex, bFirst, bLast, and so on
// Δ = N - M is negative of baDeltaLength = bLength - aLength
// D is d
// k is kF
// k + Δ is kF = kR - baDeltaLength
// V is aIndexesF or aIndexesR (see comment below about Indexes type)
// index intervals [1, N] and [1, M] are [0, aLength) and [0, bLength)
// starting point in forward direction (0, 0) is (-1, -1)
// starting point in reverse direction (N + 1, M + 1) is (aLength, bLength)

// The “edit graph” for sequences a and b corresponds to items:
// in a on the horizontal axis
// in b on the vertical axis
//
// Given a-coordinate of a point in a diagonal, you can compute b-coordinate.
//
// Forward diagonals kF:
// zero diagonal intersects top left corner
// positive diagonals intersect top edge
// negative diagonals intersect left edge
//
// Reverse diagonals kR:
// zero diagonal intersects bottom right corner
// positive diagonals intersect right edge
// negative diagonals intersect bottom edge

// The graph contains a directed acyclic graph of edges:
// horizontal: delete an item from a
// vertical: insert an item from b
// diagonal: common item in a and b
//
// The algorithm solves dual problems in the graph analogy:
// Find longest common subsequence: path with maximum number of diagonal edges
// Find shortest edit script: path with minimum number of non-diagonal edges

// Input callback function compares items at indexes in the sequences.

// Output callback function receives the number of adjacent items
// and starting indexes of each common subsequence.

// Either original functions or wrapped to swap indexes if graph is transposed.

// Indexes in sequence a of last point of forward or reverse paths in graph.
// Myers algorithm indexes by diagonal k which for negative is bad deopt in V8.
// This package indexes by iF and iR which are greater than or equal to zero.
// and also updates the index arrays in place to cut memory in half.
// kF = 2 * iF - d
// kR = d - 2 * iR

// Division of index intervals in sequences a and b at the middle change.
// Invariant: intervals do not have common items at the start or end.

const pkg = '@jest/diff-sequences'; // for error messages
const NOT_YET_SET = 0; // small int instead of undefined to avoid deopt in V8

// Return the number of common items that follow in forward direction.
// The length of what Myers paper calls a “snake” in a forward path.
const countCommonItemsF = (aIndex, aEnd, bIndex, bEnd, isCommon) => {
  let nCommon = 0;
  while (aIndex < aEnd && bIndex < bEnd && isCommon(aIndex, bIndex)) {
    aIndex += 1;
    bIndex += 1;
    nCommon += 1;
  }
  return nCommon;
};

// Return the number of common items that precede in reverse direction.
// The length of what Myers paper calls a “snake” in a reverse path.
const countCommonItemsR = (aStart, aIndex, bStart, bIndex, isCommon) => {
  let nCommon = 0;
  while (aStart <= aIndex && bStart <= bIndex && isCommon(aIndex, bIndex)) {
    aIndex -= 1;
    bIndex -= 1;
    nCommon += 1;
  }
  return nCommon;
};

// A simple function to extend forward paths from (d - 1) to d changes
// when forward and reverse paths cannot yet overlap.
const extendPathsF = (d, aEnd, bEnd, bF, isCommon, aIndexesF, iMaxF // return the value because optimization might decrease it
) => {
  // Unroll the first iteration.
  let iF = 0;
  let kF = -d; // kF = 2 * iF - d
  let aFirst = aIndexesF[iF]; // in first iteration always insert
  let aIndexPrev1 = aFirst; // prev value of [iF - 1] in next iteration
  aIndexesF[iF] += countCommonItemsF(aFirst + 1, aEnd, bF + aFirst - kF + 1, bEnd, isCommon);

  // Optimization: skip diagonals in which paths cannot ever overlap.
  const nF = Math.min(d, iMaxF);

  // The diagonals kF are odd when d is odd and even when d is even.
  for (iF += 1, kF += 2; iF <= nF; iF += 1, kF += 2) {
    // To get first point of path segment, move one change in forward direction
    // from last point of previous path segment in an adjacent diagonal.
    // In last possible iteration when iF === d and kF === d always delete.
    if (iF !== d && aIndexPrev1 < aIndexesF[iF]) {
      aFirst = aIndexesF[iF]; // vertical to insert from b
    } else {
      aFirst = aIndexPrev1 + 1; // horizontal to delete from a

      if (aEnd <= aFirst) {
        // Optimization: delete moved past right of graph.
        return iF - 1;
      }
    }

    // To get last point of path segment, move along diagonal of common items.
    aIndexPrev1 = aIndexesF[iF];
    aIndexesF[iF] = aFirst + countCommonItemsF(aFirst + 1, aEnd, bF + aFirst - kF + 1, bEnd, isCommon);
  }
  return iMaxF;
};

// A simple function to extend reverse paths from (d - 1) to d changes
// when reverse and forward paths cannot yet overlap.
const extendPathsR = (d, aStart, bStart, bR, isCommon, aIndexesR, iMaxR // return the value because optimization might decrease it
) => {
  // Unroll the first iteration.
  let iR = 0;
  let kR = d; // kR = d - 2 * iR
  let aFirst = aIndexesR[iR]; // in first iteration always insert
  let aIndexPrev1 = aFirst; // prev value of [iR - 1] in next iteration
  aIndexesR[iR] -= countCommonItemsR(aStart, aFirst - 1, bStart, bR + aFirst - kR - 1, isCommon);

  // Optimization: skip diagonals in which paths cannot ever overlap.
  const nR = Math.min(d, iMaxR);

  // The diagonals kR are odd when d is odd and even when d is even.
  for (iR += 1, kR -= 2; iR <= nR; iR += 1, kR -= 2) {
    // To get first point of path segment, move one change in reverse direction
    // from last point of previous path segment in an adjacent diagonal.
    // In last possible iteration when iR === d and kR === -d always delete.
    if (iR !== d && aIndexesR[iR] < aIndexPrev1) {
      aFirst = aIndexesR[iR]; // vertical to insert from b
    } else {
      aFirst = aIndexPrev1 - 1; // horizontal to delete from a

      if (aFirst < aStart) {
        // Optimization: delete moved past left of graph.
        return iR - 1;
      }
    }

    // To get last point of path segment, move along diagonal of common items.
    aIndexPrev1 = aIndexesR[iR];
    aIndexesR[iR] = aFirst - countCommonItemsR(aStart, aFirst - 1, bStart, bR + aFirst - kR - 1, isCommon);
  }
  return iMaxR;
};

// A complete function to extend forward paths from (d - 1) to d changes.
// Return true if a path overlaps reverse path of (d - 1) changes in its diagonal.
const extendOverlappablePathsF = (d, aStart, aEnd, bStart, bEnd, isCommon, aIndexesF, iMaxF, aIndexesR, iMaxR, division // update prop values if return true
) => {
  const bF = bStart - aStart; // bIndex = bF + aIndex - kF
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const baDeltaLength = bLength - aLength; // kF = kR - baDeltaLength

  // Range of diagonals in which forward and reverse paths might overlap.
  const kMinOverlapF = -baDeltaLength - (d - 1); // -(d - 1) <= kR
  const kMaxOverlapF = -baDeltaLength + (d - 1); // kR <= (d - 1)

  let aIndexPrev1 = NOT_YET_SET; // prev value of [iF - 1] in next iteration

  // Optimization: skip diagonals in which paths cannot ever overlap.
  const nF = Math.min(d, iMaxF);

  // The diagonals kF = 2 * iF - d are odd when d is odd and even when d is even.
  for (let iF = 0, kF = -d; iF <= nF; iF += 1, kF += 2) {
    // To get first point of path segment, move one change in forward direction
    // from last point of previous path segment in an adjacent diagonal.
    // In first iteration when iF === 0 and kF === -d always insert.
    // In last possible iteration when iF === d and kF === d always delete.
    const insert = iF === 0 || iF !== d && aIndexPrev1 < aIndexesF[iF];
    const aLastPrev = insert ? aIndexesF[iF] : aIndexPrev1;
    const aFirst = insert ? aLastPrev // vertical to insert from b
    : aLastPrev + 1; // horizontal to delete from a

    // To get last point of path segment, move along diagonal of common items.
    const bFirst = bF + aFirst - kF;
    const nCommonF = countCommonItemsF(aFirst + 1, aEnd, bFirst + 1, bEnd, isCommon);
    const aLast = aFirst + nCommonF;
    aIndexPrev1 = aIndexesF[iF];
    aIndexesF[iF] = aLast;
    if (kMinOverlapF <= kF && kF <= kMaxOverlapF) {
      // Solve for iR of reverse path with (d - 1) changes in diagonal kF:
      // kR = kF + baDeltaLength
      // kR = (d - 1) - 2 * iR
      const iR = (d - 1 - (kF + baDeltaLength)) / 2;

      // If this forward path overlaps the reverse path in this diagonal,
      // then this is the middle change of the index intervals.
      if (iR <= iMaxR && aIndexesR[iR] - 1 <= aLast) {
        // Unlike the Myers algorithm which finds only the middle “snake”
        // this package can find two common subsequences per division.
        // Last point of previous path segment is on an adjacent diagonal.
        const bLastPrev = bF + aLastPrev - (insert ? kF + 1 : kF - 1);

        // Because of invariant that intervals preceding the middle change
        // cannot have common items at the end,
        // move in reverse direction along a diagonal of common items.
        const nCommonR = countCommonItemsR(aStart, aLastPrev, bStart, bLastPrev, isCommon);
        const aIndexPrevFirst = aLastPrev - nCommonR;
        const bIndexPrevFirst = bLastPrev - nCommonR;
        const aEndPreceding = aIndexPrevFirst + 1;
        const bEndPreceding = bIndexPrevFirst + 1;
        division.nChangePreceding = d - 1;
        if (d - 1 === aEndPreceding + bEndPreceding - aStart - bStart) {
          // Optimization: number of preceding changes in forward direction
          // is equal to number of items in preceding interval,
          // therefore it cannot contain any common items.
          division.aEndPreceding = aStart;
          division.bEndPreceding = bStart;
        } else {
          division.aEndPreceding = aEndPreceding;
          division.bEndPreceding = bEndPreceding;
        }
        division.nCommonPreceding = nCommonR;
        if (nCommonR !== 0) {
          division.aCommonPreceding = aEndPreceding;
          division.bCommonPreceding = bEndPreceding;
        }
        division.nCommonFollowing = nCommonF;
        if (nCommonF !== 0) {
          division.aCommonFollowing = aFirst + 1;
          division.bCommonFollowing = bFirst + 1;
        }
        const aStartFollowing = aLast + 1;
        const bStartFollowing = bFirst + nCommonF + 1;
        division.nChangeFollowing = d - 1;
        if (d - 1 === aEnd + bEnd - aStartFollowing - bStartFollowing) {
          // Optimization: number of changes in reverse direction
          // is equal to number of items in following interval,
          // therefore it cannot contain any common items.
          division.aStartFollowing = aEnd;
          division.bStartFollowing = bEnd;
        } else {
          division.aStartFollowing = aStartFollowing;
          division.bStartFollowing = bStartFollowing;
        }
        return true;
      }
    }
  }
  return false;
};

// A complete function to extend reverse paths from (d - 1) to d changes.
// Return true if a path overlaps forward path of d changes in its diagonal.
const extendOverlappablePathsR = (d, aStart, aEnd, bStart, bEnd, isCommon, aIndexesF, iMaxF, aIndexesR, iMaxR, division // update prop values if return true
) => {
  const bR = bEnd - aEnd; // bIndex = bR + aIndex - kR
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const baDeltaLength = bLength - aLength; // kR = kF + baDeltaLength

  // Range of diagonals in which forward and reverse paths might overlap.
  const kMinOverlapR = baDeltaLength - d; // -d <= kF
  const kMaxOverlapR = baDeltaLength + d; // kF <= d

  let aIndexPrev1 = NOT_YET_SET; // prev value of [iR - 1] in next iteration

  // Optimization: skip diagonals in which paths cannot ever overlap.
  const nR = Math.min(d, iMaxR);

  // The diagonals kR = d - 2 * iR are odd when d is odd and even when d is even.
  for (let iR = 0, kR = d; iR <= nR; iR += 1, kR -= 2) {
    // To get first point of path segment, move one change in reverse direction
    // from last point of previous path segment in an adjacent diagonal.
    // In first iteration when iR === 0 and kR === d always insert.
    // In last possible iteration when iR === d and kR === -d always delete.
    const insert = iR === 0 || iR !== d && aIndexesR[iR] < aIndexPrev1;
    const aLastPrev = insert ? aIndexesR[iR] : aIndexPrev1;
    const aFirst = insert ? aLastPrev // vertical to insert from b
    : aLastPrev - 1; // horizontal to delete from a

    // To get last point of path segment, move along diagonal of common items.
    const bFirst = bR + aFirst - kR;
    const nCommonR = countCommonItemsR(aStart, aFirst - 1, bStart, bFirst - 1, isCommon);
    const aLast = aFirst - nCommonR;
    aIndexPrev1 = aIndexesR[iR];
    aIndexesR[iR] = aLast;
    if (kMinOverlapR <= kR && kR <= kMaxOverlapR) {
      // Solve for iF of forward path with d changes in diagonal kR:
      // kF = kR - baDeltaLength
      // kF = 2 * iF - d
      const iF = (d + (kR - baDeltaLength)) / 2;

      // If this reverse path overlaps the forward path in this diagonal,
      // then this is a middle change of the index intervals.
      if (iF <= iMaxF && aLast - 1 <= aIndexesF[iF]) {
        const bLast = bFirst - nCommonR;
        division.nChangePreceding = d;
        if (d === aLast + bLast - aStart - bStart) {
          // Optimization: number of changes in reverse direction
          // is equal to number of items in preceding interval,
          // therefore it cannot contain any common items.
          division.aEndPreceding = aStart;
          division.bEndPreceding = bStart;
        } else {
          division.aEndPreceding = aLast;
          division.bEndPreceding = bLast;
        }
        division.nCommonPreceding = nCommonR;
        if (nCommonR !== 0) {
          // The last point of reverse path segment is start of common subsequence.
          division.aCommonPreceding = aLast;
          division.bCommonPreceding = bLast;
        }
        division.nChangeFollowing = d - 1;
        if (d === 1) {
          // There is no previous path segment.
          division.nCommonFollowing = 0;
          division.aStartFollowing = aEnd;
          division.bStartFollowing = bEnd;
        } else {
          // Unlike the Myers algorithm which finds only the middle “snake”
          // this package can find two common subsequences per division.
          // Last point of previous path segment is on an adjacent diagonal.
          const bLastPrev = bR + aLastPrev - (insert ? kR - 1 : kR + 1);

          // Because of invariant that intervals following the middle change
          // cannot have common items at the start,
          // move in forward direction along a diagonal of common items.
          const nCommonF = countCommonItemsF(aLastPrev, aEnd, bLastPrev, bEnd, isCommon);
          division.nCommonFollowing = nCommonF;
          if (nCommonF !== 0) {
            // The last point of reverse path segment is start of common subsequence.
            division.aCommonFollowing = aLastPrev;
            division.bCommonFollowing = bLastPrev;
          }
          const aStartFollowing = aLastPrev + nCommonF; // aFirstPrev
          const bStartFollowing = bLastPrev + nCommonF; // bFirstPrev

          if (d - 1 === aEnd + bEnd - aStartFollowing - bStartFollowing) {
            // Optimization: number of changes in forward direction
            // is equal to number of items in following interval,
            // therefore it cannot contain any common items.
            division.aStartFollowing = aEnd;
            division.bStartFollowing = bEnd;
          } else {
            division.aStartFollowing = aStartFollowing;
            division.bStartFollowing = bStartFollowing;
          }
        }
        return true;
      }
    }
  }
  return false;
};

// Given index intervals and input function to compare items at indexes,
// divide at the middle change.
//
// DO NOT CALL if start === end, because interval cannot contain common items
// and because this function will throw the “no overlap” error.
const divide = (nChange, aStart, aEnd, bStart, bEnd, isCommon, aIndexesF, aIndexesR, division // output
) => {
  const bF = bStart - aStart; // bIndex = bF + aIndex - kF
  const bR = bEnd - aEnd; // bIndex = bR + aIndex - kR
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;

  // Because graph has square or portrait orientation,
  // length difference is minimum number of items to insert from b.
  // Corresponding forward and reverse diagonals in graph
  // depend on length difference of the sequences:
  // kF = kR - baDeltaLength
  // kR = kF + baDeltaLength
  const baDeltaLength = bLength - aLength;

  // Optimization: max diagonal in graph intersects corner of shorter side.
  let iMaxF = aLength;
  let iMaxR = aLength;

  // Initialize no changes yet in forward or reverse direction:
  aIndexesF[0] = aStart - 1; // at open start of interval, outside closed start
  aIndexesR[0] = aEnd; // at open end of interval

  if (baDeltaLength % 2 === 0) {
    // The number of changes in paths is 2 * d if length difference is even.
    const dMin = (nChange || baDeltaLength) / 2;
    const dMax = (aLength + bLength) / 2;
    for (let d = 1; d <= dMax; d += 1) {
      iMaxF = extendPathsF(d, aEnd, bEnd, bF, isCommon, aIndexesF, iMaxF);
      if (d < dMin) {
        iMaxR = extendPathsR(d, aStart, bStart, bR, isCommon, aIndexesR, iMaxR);
      } else if (
      // If a reverse path overlaps a forward path in the same diagonal,
      // return a division of the index intervals at the middle change.
      extendOverlappablePathsR(d, aStart, aEnd, bStart, bEnd, isCommon, aIndexesF, iMaxF, aIndexesR, iMaxR, division)) {
        return;
      }
    }
  } else {
    // The number of changes in paths is 2 * d - 1 if length difference is odd.
    const dMin = ((nChange || baDeltaLength) + 1) / 2;
    const dMax = (aLength + bLength + 1) / 2;

    // Unroll first half iteration so loop extends the relevant pairs of paths.
    // Because of invariant that intervals have no common items at start or end,
    // and limitation not to call divide with empty intervals,
    // therefore it cannot be called if a forward path with one change
    // would overlap a reverse path with no changes, even if dMin === 1.
    let d = 1;
    iMaxF = extendPathsF(d, aEnd, bEnd, bF, isCommon, aIndexesF, iMaxF);
    for (d += 1; d <= dMax; d += 1) {
      iMaxR = extendPathsR(d - 1, aStart, bStart, bR, isCommon, aIndexesR, iMaxR);
      if (d < dMin) {
        iMaxF = extendPathsF(d, aEnd, bEnd, bF, isCommon, aIndexesF, iMaxF);
      } else if (
      // If a forward path overlaps a reverse path in the same diagonal,
      // return a division of the index intervals at the middle change.
      extendOverlappablePathsF(d, aStart, aEnd, bStart, bEnd, isCommon, aIndexesF, iMaxF, aIndexesR, iMaxR, division)) {
        return;
      }
    }
  }

  /* istanbul ignore next */
  throw new Error(`${pkg}: no overlap aStart=${aStart} aEnd=${aEnd} bStart=${bStart} bEnd=${bEnd}`);
};

// Given index intervals and input function to compare items at indexes,
// return by output function the number of adjacent items and starting indexes
// of each common subsequence. Divide and conquer with only linear space.
//
// The index intervals are half open [start, end) like array slice method.
// DO NOT CALL if start === end, because interval cannot contain common items
// and because divide function will throw the “no overlap” error.
const findSubsequences = (nChange, aStart, aEnd, bStart, bEnd, transposed, callbacks, aIndexesF, aIndexesR, division // temporary memory, not input nor output
) => {
  if (bEnd - bStart < aEnd - aStart) {
    // Transpose graph so it has portrait instead of landscape orientation.
    // Always compare shorter to longer sequence for consistency and optimization.
    transposed = !transposed;
    if (transposed && callbacks.length === 1) {
      // Lazily wrap callback functions to swap args if graph is transposed.
      const {
        foundSubsequence,
        isCommon
      } = callbacks[0];
      callbacks[1] = {
        foundSubsequence: (nCommon, bCommon, aCommon) => {
          foundSubsequence(nCommon, aCommon, bCommon);
        },
        isCommon: (bIndex, aIndex) => isCommon(aIndex, bIndex)
      };
    }
    const tStart = aStart;
    const tEnd = aEnd;
    aStart = bStart;
    aEnd = bEnd;
    bStart = tStart;
    bEnd = tEnd;
  }
  const {
    foundSubsequence,
    isCommon
  } = callbacks[transposed ? 1 : 0];

  // Divide the index intervals at the middle change.
  divide(nChange, aStart, aEnd, bStart, bEnd, isCommon, aIndexesF, aIndexesR, division);
  const {
    nChangePreceding,
    aEndPreceding,
    bEndPreceding,
    nCommonPreceding,
    aCommonPreceding,
    bCommonPreceding,
    nCommonFollowing,
    aCommonFollowing,
    bCommonFollowing,
    nChangeFollowing,
    aStartFollowing,
    bStartFollowing
  } = division;

  // Unless either index interval is empty, they might contain common items.
  if (aStart < aEndPreceding && bStart < bEndPreceding) {
    // Recursely find and return common subsequences preceding the division.
    findSubsequences(nChangePreceding, aStart, aEndPreceding, bStart, bEndPreceding, transposed, callbacks, aIndexesF, aIndexesR, division);
  }

  // Return common subsequences that are adjacent to the middle change.
  if (nCommonPreceding !== 0) {
    foundSubsequence(nCommonPreceding, aCommonPreceding, bCommonPreceding);
  }
  if (nCommonFollowing !== 0) {
    foundSubsequence(nCommonFollowing, aCommonFollowing, bCommonFollowing);
  }

  // Unless either index interval is empty, they might contain common items.
  if (aStartFollowing < aEnd && bStartFollowing < bEnd) {
    // Recursely find and return common subsequences following the division.
    findSubsequences(nChangeFollowing, aStartFollowing, aEnd, bStartFollowing, bEnd, transposed, callbacks, aIndexesF, aIndexesR, division);
  }
};
const validateLength = (name, arg) => {
  if (typeof arg !== 'number') {
    throw new TypeError(`${pkg}: ${name} typeof ${typeof arg} is not a number`);
  }
  if (!Number.isSafeInteger(arg)) {
    throw new RangeError(`${pkg}: ${name} value ${arg} is not a safe integer`);
  }
  if (arg < 0) {
    throw new RangeError(`${pkg}: ${name} value ${arg} is a negative integer`);
  }
};
const validateCallback = (name, arg) => {
  const type = typeof arg;
  if (type !== 'function') {
    throw new TypeError(`${pkg}: ${name} typeof ${type} is not a function`);
  }
};

// Compare items in two sequences to find a longest common subsequence.
// Given lengths of sequences and input function to compare items at indexes,
// return by output function the number of adjacent items and starting indexes
// of each common subsequence.
function diffSequence(aLength, bLength, isCommon, foundSubsequence) {
  validateLength('aLength', aLength);
  validateLength('bLength', bLength);
  validateCallback('isCommon', isCommon);
  validateCallback('foundSubsequence', foundSubsequence);

  // Count common items from the start in the forward direction.
  const nCommonF = countCommonItemsF(0, aLength, 0, bLength, isCommon);
  if (nCommonF !== 0) {
    foundSubsequence(nCommonF, 0, 0);
  }

  // Unless both sequences consist of common items only,
  // find common items in the half-trimmed index intervals.
  if (aLength !== nCommonF || bLength !== nCommonF) {
    // Invariant: intervals do not have common items at the start.
    // The start of an index interval is closed like array slice method.
    const aStart = nCommonF;
    const bStart = nCommonF;

    // Count common items from the end in the reverse direction.
    const nCommonR = countCommonItemsR(aStart, aLength - 1, bStart, bLength - 1, isCommon);

    // Invariant: intervals do not have common items at the end.
    // The end of an index interval is open like array slice method.
    const aEnd = aLength - nCommonR;
    const bEnd = bLength - nCommonR;

    // Unless one sequence consists of common items only,
    // therefore the other trimmed index interval consists of changes only,
    // find common items in the trimmed index intervals.
    const nCommonFR = nCommonF + nCommonR;
    if (aLength !== nCommonFR && bLength !== nCommonFR) {
      const nChange = 0; // number of change items is not yet known
      const transposed = false; // call the original unwrapped functions
      const callbacks = [{
        foundSubsequence,
        isCommon
      }];

      // Indexes in sequence a of last points in furthest reaching paths
      // from outside the start at top left in the forward direction:
      const aIndexesF = [NOT_YET_SET];
      // from the end at bottom right in the reverse direction:
      const aIndexesR = [NOT_YET_SET];

      // Initialize one object as output of all calls to divide function.
      const division = {
        aCommonFollowing: NOT_YET_SET,
        aCommonPreceding: NOT_YET_SET,
        aEndPreceding: NOT_YET_SET,
        aStartFollowing: NOT_YET_SET,
        bCommonFollowing: NOT_YET_SET,
        bCommonPreceding: NOT_YET_SET,
        bEndPreceding: NOT_YET_SET,
        bStartFollowing: NOT_YET_SET,
        nChangeFollowing: NOT_YET_SET,
        nChangePreceding: NOT_YET_SET,
        nCommonFollowing: NOT_YET_SET,
        nCommonPreceding: NOT_YET_SET
      };

      // Find and return common subsequences in the trimmed index intervals.
      findSubsequences(nChange, aStart, aEnd, bStart, bEnd, transposed, callbacks, aIndexesF, aIndexesR, division);
    }
    if (nCommonR !== 0) {
      foundSubsequence(nCommonR, aEnd, bEnd);
    }
  }
}
})();

module.exports = __nested_webpack_exports__;
/******/ })()
;

/***/ }),

/***/ 4006:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const pico = __nccwpck_require__(8016);
const utils = __nccwpck_require__(4059);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 5595:
/***/ ((module) => {



const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;
const SEP = '/';

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR,
  SEP
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
  SEP: '\\'
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 8265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(5595);
const utils = __nccwpck_require__(4059);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const buildCharClassStar = chars => {
  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const getStarExtglobSequenceChars = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  return chars;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
  // characters we can emit one flat, ReDoS-safe character class that preserves the
  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
  // every branch but the first.
  const safeChars = [];
  let sawStarSequence = false;
  let combinable = true;

  for (const branch of branches) {
    const chars = getStarExtglobSequenceChars(branch);
    if (chars) {
      sawStarSequence = true;
      safeChars.push(...chars);
      continue;
    }

    const literal = normalizeSimpleBranch(branch);
    if (literal && literal.length === 1) {
      safeChars.push(literal);
      continue;
    }

    combinable = false;

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  if (sawStarSequence) {
    return combinable
      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
      : { risky: true };
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(opts.windows);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.output = (prev.output || prev.value) + tok.value;
      prev.value += tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      // A globstar followed only by balanced closing parens is at the logical end of patterns like
      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
      // parent path, except in negated extglobs where that would change the exclusion semantics.
      const isEnd = eos() || (
        state.parens > 0
        && rest === ')'.repeat(state.parens)
        && !extglobs.some(extglob => extglob.type === 'negate')
      );

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(opts.windows);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 8016:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const scan = __nccwpck_require__(1781);
const parse = __nccwpck_require__(8265);
const utils = __nccwpck_require__(4059);
const constants = __nccwpck_require__(5595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 *
 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
 * const picomatch = require('picomatch/posix');
 * // the same API, defaulting to posix paths
 * const isMatch = picomatch('a/*');
 * console.log(isMatch('a\\b')); //=> false
 * console.log(isMatch('a/b')); //=> true
 *
 * // you can still configure the matcher function to accept windows paths
 * const isMatch = picomatch('a/*', { options: windows });
 * console.log(isMatch('a\\b')); //=> true
 * console.log(isMatch('a/b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = opts.windows;
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(utils.basename(input, { windows: posix }));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.makeRe(state[, options]);
 *
 * const result = picomatch.makeRe('*.js');
 * console.log(result);
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 1781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(4059);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(5595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          let parens = 0;

          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }

            if (code === CHAR_LEFT_PARENTHESES) {
              parens++;
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        let parens = 1;

        while (eos() !== true && (code = advance())) {
          if (code === CHAR_BACKWARD_SLASH) {
            backslashes = token.backslashes = true;
            advance();
            continue;
          }

          if (code === CHAR_LEFT_PARENTHESES) {
            parens++;
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex !== undefined ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (i >= start) {
        parts.push(value);
        prevIndex = i;
      }
    }

    const n = prevIndex !== undefined ? prevIndex + 1 : start;
    const value = input.slice(n);
    parts.push(value);

    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
      tokens[tokens.length - 1].value = value;
      depth(tokens[tokens.length - 1]);
      state.maxDepth += tokens[tokens.length - 1].depth;
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 4059:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

/*global navigator*/


const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(5595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.isWindows = () => {
  if (typeof navigator !== 'undefined' && navigator.platform) {
    const platform = navigator.platform.toLowerCase();
    return platform === 'win32' || platform === 'windows';
  }

  if (typeof process !== 'undefined' && process.platform) {
    return process.platform === 'win32';
  }

  return false;
};

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};

exports.basename = (path, { windows } = {}) => {
  const segs = path.split(windows ? /[\\/]/ : '/');
  const last = segs[segs.length - 1];

  if (last === '') {
    return segs[segs.length - 2];
  }

  return last;
};


/***/ }),

/***/ 3326:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var scan = __nccwpck_require__(6849)
var parse = __nccwpck_require__(5501)

module.exports = function (source) {
  return parse(scan(source))
}


/***/ }),

/***/ 5501:
/***/ ((module) => {



// The ABNF grammar in the spec is totally ambiguous.
//
// This parser follows the operator precedence defined in the
// `Order of Precedence and Parentheses` section.

module.exports = function (tokens) {
  var index = 0

  function hasMore () {
    return index < tokens.length
  }

  function token () {
    return hasMore() ? tokens[index] : null
  }

  function next () {
    if (!hasMore()) {
      throw new Error()
    }
    index++
  }

  function parseOperator (operator) {
    var t = token()
    if (t && t.type === 'OPERATOR' && operator === t.string) {
      next()
      return t.string
    }
  }

  function parseWith () {
    if (parseOperator('WITH')) {
      var t = token()
      if (t && t.type === 'EXCEPTION') {
        next()
        return t.string
      }
      throw new Error('Expected exception after `WITH`')
    }
  }

  function parseLicenseRef () {
    // TODO: Actually, everything is concatenated into one string
    // for backward-compatibility but it could be better to return
    // a nice structure.
    var begin = index
    var string = ''
    var t = token()
    if (t.type === 'DOCUMENTREF') {
      next()
      string += 'DocumentRef-' + t.string + ':'
      if (!parseOperator(':')) {
        throw new Error('Expected `:` after `DocumentRef-...`')
      }
    }
    t = token()
    if (t === null) {
      throw new Error('Unexpected end of input')
    }
    if (t.type === 'LICENSEREF') {
      next()
      string += 'LicenseRef-' + t.string
      var node = { license: string }
      var exception = parseWith()
      if (exception) {
        node.exception = exception
      }
      return node
    }
    index = begin
  }

  function parseLicense () {
    var t = token()
    if (t && t.type === 'LICENSE') {
      next()
      var node = { license: t.string }
      if (parseOperator('+')) {
        node.plus = true
      }
      var exception = parseWith()
      if (exception) {
        node.exception = exception
      }
      return node
    }
  }

  function parseParenthesizedExpression () {
    var left = parseOperator('(')
    if (!left) {
      return
    }

    var expr = parseExpression()

    if (!parseOperator(')')) {
      throw new Error('Expected `)`')
    }

    return expr
  }

  function parseAtom () {
    return (
      parseParenthesizedExpression() ||
      parseLicenseRef() ||
      parseLicense()
    )
  }

  function makeBinaryOpParser (operator, nextParser) {
    return function parseBinaryOp () {
      var left = nextParser()
      if (!left) {
        return
      }

      if (!parseOperator(operator)) {
        return left
      }

      var right = parseBinaryOp()
      if (!right) {
        throw new Error('Expected expression')
      }
      return {
        left: left,
        conjunction: operator.toLowerCase(),
        right: right
      }
    }
  }

  var parseAnd = makeBinaryOpParser('AND', parseAtom)
  var parseExpression = makeBinaryOpParser('OR', parseAnd)

  var node = parseExpression()
  if (!node || hasMore()) {
    throw new Error('Syntax error')
  }
  return node
}


/***/ }),

/***/ 6849:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var licenses = []
  .concat(__nccwpck_require__(5204))
  .concat(__nccwpck_require__(3389))
var exceptions = __nccwpck_require__(3988)

module.exports = function (source) {
  var index = 0

  function hasMore () {
    return index < source.length
  }

  // `value` can be a regexp or a string.
  // If it is recognized, the matching source string is returned and
  // the index is incremented. Otherwise `undefined` is returned.
  function read (value) {
    if (value instanceof RegExp) {
      var chars = source.slice(index)
      var match = chars.match(value)
      if (match) {
        index += match[0].length
        return match[0]
      }
    } else {
      if (source.indexOf(value, index) === index) {
        index += value.length
        return value
      }
    }
  }

  function skipWhitespace () {
    read(/[ ]*/)
  }

  function operator () {
    var string
    var possibilities = [/^WITH/i, /^AND/i, /^OR/i, '(', ')', ':', '+']
    for (var i = 0; i < possibilities.length; i++) {
      string = read(possibilities[i])
      if (string) {
        break
      }
    }

    if (string === '+' && index > 1 && source[index - 2] === ' ') {
      throw new Error('Space before `+`')
    }

    return string && {
      type: 'OPERATOR',
      string: string.toUpperCase()
    }
  }

  function idstring () {
    return read(/[A-Za-z0-9-.]+/)
  }

  function expectIdstring () {
    var string = idstring()
    if (!string) {
      throw new Error('Expected idstring at offset ' + index)
    }
    return string
  }

  function documentRef () {
    if (read('DocumentRef-')) {
      var string = expectIdstring()
      return { type: 'DOCUMENTREF', string: string }
    }
  }

  function licenseRef () {
    if (read('LicenseRef-')) {
      var string = expectIdstring()
      return { type: 'LICENSEREF', string: string }
    }
  }

  function identifier () {
    var begin = index
    var string = idstring()

    if (licenses.indexOf(string) !== -1) {
      return {
        type: 'LICENSE',
        string: string
      }
    } else if (exceptions.indexOf(string) !== -1) {
      return {
        type: 'EXCEPTION',
        string: string
      }
    }

    index = begin
  }

  // Tries to read the next token. Returns `undefined` if no token is
  // recognized.
  function parseToken () {
    // Ordering matters
    return (
      operator() ||
      documentRef() ||
      licenseRef() ||
      identifier()
    )
  }

  var tokens = []
  while (hasMore()) {
    skipWhitespace()
    if (!hasMore()) {
      break
    }

    var token = parseToken()
    if (!token) {
      throw new Error('Unexpected `' + source[index] +
                      '` at offset ' + index)
    }

    tokens.push(token)
  }
  return tokens
}


/***/ }),

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _util_temp_folders_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3996);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3921);


// A reader that closes the pipe early (`| head`) is no error: the rest of the report is not wanted.
process.stdout.on('error', (error) => {
    if (error.code !== 'EPIPE')
        throw error;
});
(0,_util_temp_folders_js__WEBPACK_IMPORTED_MODULE_0__/* .removeTempFoldersAtExit */ .br)();
process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .runCli */ .ak)(process.argv.slice(2), {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text)
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3921:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ak: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: USAGE, UsageError, parseCliArgs

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./src/acquire/credentials.ts
/**
 * `https://user:token@host/simple/` (Artifactory, devpi, GitLab, a private mirror): fetch refuses a URL
 * that holds credentials, so they travel as an `Authorization: Basic` header instead, and every message
 * shows the URL without them.
 */
function splitCredentials(url) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || (!parsed.username && !parsed.password))
        return { url };
    const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    return {
        url: withoutCredentials(url),
        authorization: `Basic ${Buffer.from(pair).toString('base64')}`
    };
}
/** The URL as it may be shown: no user name or password. */
function withoutCredentials(url) {
    if (!URL.canParse(url))
        return url.replace(/\/\/[^/@]*@/, '//');
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
}
/** Every form in which a URL's credentials could appear in a log, for masking. */
function credentialForms(url) {
    const { authorization } = splitCredentials(url);
    if (!authorization)
        return [];
    const parsed = new URL(url);
    const secret = parsed.password || parsed.username;
    const forms = [secret, decodeURIComponent(secret), authorization.slice('Basic '.length)];
    return [...new Set(forms.filter(form => form.length >= 4))];
}

;// CONCATENATED MODULE: ./src/acquire/http.ts

const DEFAULT_RETRY = {
    attempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    timeoutMs: 60_000
};
/**
 * The retry policy, with the per-request timeout taken from SDIST_DIFF_HTTP_TIMEOUT (seconds) when set,
 * for slow mirrors (and for tests of timeouts), and the first backoff from SDIST_DIFF_RETRY_DELAY_MS.
 */
function retryPolicyFromEnv(env) {
    const seconds = Number(env.SDIST_DIFF_HTTP_TIMEOUT);
    const timeout = Number.isFinite(seconds) && seconds > 0 ? { timeoutMs: seconds * 1000 } : {};
    const delay = retryDelayFromEnv(env);
    return { ...DEFAULT_RETRY, ...timeout, ...(delay === undefined ? {} : { baseDelayMs: delay }) };
}
/**
 * SDIST_DIFF_RETRY_DELAY_MS: the unit of backoff between retries, for the index and the GitHub API (so
 * that tests of retries need not wait them out); Retry-After headers are honoured as sent.
 */
function retryDelayFromEnv(env) {
    const value = env.SDIST_DIFF_RETRY_DELAY_MS;
    const ms = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
class HttpError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'HttpError';
    }
}
const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);
/**
 * GET with a timeout per attempt and bounded retries with exponential backoff for network errors and
 * transient statuses (5xx, 408, 429 with Retry-After). Other statuses come back to the caller.
 */
async function fetchWithRetry(url, headers, policy = DEFAULT_RETRY, fetcher = fetch) {
    const { url: plain, authorization } = splitCredentials(url);
    const sent = authorization ? { ...headers, Authorization: authorization } : headers;
    let lastProblem = '';
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
        let wait = policy.baseDelayMs * 2 ** (attempt - 1);
        try {
            const response = await fetcher(plain, {
                headers: sent,
                signal: AbortSignal.timeout(policy.timeoutMs),
                redirect: 'follow'
            });
            if (!TRANSIENT.has(response.status))
                return response;
            lastProblem = `HTTP ${response.status}`;
            wait = Math.max(wait, retryAfterMs(response.headers.get('retry-after'), policy.maxDelayMs));
            await response.body?.cancel();
        }
        catch (error) {
            lastProblem = describeFetchError(error, policy);
        }
        if (attempt < policy.attempts)
            await sleep(Math.min(wait, policy.maxDelayMs));
    }
    throw new HttpError(`GET ${plain} failed after ${policy.attempts} attempts (last: ${lastProblem})`);
}
/** A response's text; a body that stalls or breaks off names the URL and what was tried. */
async function readText(response, url, policy = DEFAULT_RETRY) {
    try {
        return await response.text();
    }
    catch (error) {
        throw new HttpError(`GET ${withoutCredentials(url)}: HTTP ${response.status} came, then the body ${bodyProblem(error, policy)}`);
    }
}
/** Why reading a body failed: "stalled: not complete within 60 s (not retried)", "broke off (…)". */
function bodyProblem(error, policy = DEFAULT_RETRY) {
    const reason = describeFetchError(error, policy);
    return error.name === 'TimeoutError'
        ? `stalled: not complete within ${policy.timeoutMs / 1000} s of the request (not retried)`
        : `broke off (${reason}; not retried)`;
}
function retryAfterMs(header, cap) {
    if (!header)
        return 0;
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    return Math.min(Math.max(0, ms), cap);
}
function describeFetchError(error, policy) {
    const err = error;
    if (err.name === 'TimeoutError')
        return `no answer within ${policy.timeoutMs / 1000} s`;
    return err.cause?.code ?? err.cause?.message ?? err.message;
}
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));

;// CONCATENATED MODULE: ./src/acquire/proxy.ts
/** The variables curl, pip and the Actions toolkit honour, upper case first. */
function proxySettingsFromEnv(env) {
    const first = (...names) => names.map(name => env[name]?.trim()).find(value => value !== undefined && value !== '');
    const httpsProxy = first('HTTPS_PROXY', 'https_proxy');
    const httpProxy = first('HTTP_PROXY', 'http_proxy');
    const noProxy = first('NO_PROXY', 'no_proxy');
    return {
        ...(httpsProxy && { httpsProxy }),
        ...(httpProxy && { httpProxy }),
        ...(noProxy && { noProxy })
    };
}
/**
 * fetch through the proxy the settings name for the URL's scheme, NO_PROXY's hosts directly; undefined
 * when no proxy is set. (undici's EnvHttpProxyAgent does the same but is experimental and warns.)
 */
function proxiedFetch(settings) {
    const { httpsProxy, httpProxy } = settings;
    if (!httpsProxy && !httpProxy)
        return undefined;
    // undici is loaded with the first request through a proxy: a run that fetches nothing does not pay for it.
    let loaded;
    const bypass = noProxyMatcher(settings.noProxy ?? '');
    return (async (input, init = {}) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (bypass(url))
            return fetch(input, init);
        const { agents, undiciFetch } = await (loaded ??= loadProxied(settings));
        const agent = agents[url.protocol];
        if (!agent)
            return fetch(input, init);
        return undiciFetch(input, { ...init, dispatcher: agent });
    });
}
async function loadProxied({ httpsProxy, httpProxy }) {
    const { ProxyAgent, fetch: undiciFetch } = await __nccwpck_require__.e(/* import() */ 752).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6752, 19));
    const agents = {
        'https:': httpsProxy ? new ProxyAgent(httpsProxy) : undefined,
        'http:': httpProxy ? new ProxyAgent(httpProxy) : undefined
    };
    return { agents, undiciFetch };
}
/** NO_PROXY as curl reads it: `*`, or hosts and domains (`example.com`, `.example.com`), with an optional port. */
function noProxyMatcher(noProxy) {
    const entries = noProxy
        .split(/[\s,]+/)
        .map(entry => entry.trim().toLowerCase())
        .filter(Boolean);
    if (entries.includes('*'))
        return () => true;
    const rules = entries.map(entry => {
        const [, host = entry, port] = /^(.*?)(?::(\d+))?$/.exec(entry) ?? [];
        return { domain: host.replace(/^\*?\./, ''), port };
    });
    return url => {
        const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
        const port = url.port || (url.protocol === 'https:' ? '443' : '80');
        return rules.some(rule => (rule.port === undefined || rule.port === port) &&
            (host === rule.domain || host.endsWith(`.${rule.domain}`)));
    };
}

;// CONCATENATED MODULE: ./src/packaging/names.ts
/** PEP 503 normalisation: `Click_Extra` and `click.extra` are both `click-extra`. */
function normalizeName(name) {
    return name
        .trim()
        .toLowerCase()
        .replace(/[-_.]+/g, '-');
}
/** PEP 508 / core metadata: a project name (letters, digits, `.`, `_`, `-`; alphanumeric at both ends). */
function isValidName(name) {
    return /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(name);
}

;// CONCATENATED MODULE: ./src/acquire/simple-index.ts



const DEFAULT_INDEX_URL = 'https://pypi.org/simple/';
const ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
/** The project's files, or undefined when the index does not know the project (a new package). */
async function listProjectFiles(indexUrl, project, retry, fetcher) {
    if (!isValidName(project))
        throw new Error(`"${project}" is not a valid project name (PEP 508): not looked up on the index`);
    // One path segment under the index, whatever the name holds.
    const pageUrl = new URL(`${encodeURIComponent(normalizeName(project))}/`, indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`).href;
    const response = await fetchWithRetry(pageUrl, { Accept: ACCEPT }, retry, fetcher);
    const shown = withoutCredentials(pageUrl);
    if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
    }
    if (!response.ok) {
        await response.body?.cancel();
        const hint = response.status === 401 || response.status === 403
            ? 'check the credentials in index-url'
            : 'check index-url';
        throw new HttpError(`the index answered HTTP ${response.status} for ${shown}; ${hint}`, response.status);
    }
    const type = response.headers.get('content-type') ?? '';
    const body = await readText(response, pageUrl, retry);
    const base = keepCredentials(response.url || pageUrl, pageUrl);
    try {
        return type.includes('json') ? parseJsonPage(body, base) : parseHtmlPage(body, base);
    }
    catch (error) {
        throw new Error(`the index page ${shown} is not a PEP 503/691 project page (${error.message})`);
    }
}
/** Files on the index's own host are fetched with its credentials (as pip does); other hosts get none. */
function keepCredentials(url, withCredentials) {
    const target = new URL(url);
    const given = new URL(withCredentials);
    if (target.origin !== given.origin)
        return target.href;
    target.username = given.username;
    target.password = given.password;
    return target.href;
}
/** PEP 691: `{"files": [{"filename", "url", "hashes": {"sha256"}, "yanked"}]}`. */
function parseJsonPage(body, base) {
    const page = JSON.parse(body);
    if (!Array.isArray(page.files))
        throw new Error('no "files" list');
    return page.files.flatMap(file => {
        if (typeof file.filename !== 'string' || typeof file.url !== 'string')
            return [];
        const hash = (name) => {
            const value = file.hashes?.[name];
            return typeof value === 'string' ? value.toLowerCase() : undefined;
        };
        const sha256 = hash('sha256');
        const md5 = sha256 ? undefined : hash('md5');
        const yanked = file.yanked !== undefined && file.yanked !== false;
        return [
            {
                filename: file.filename,
                url: new URL(file.url, base).href,
                yanked,
                ...(typeof file.provenance === 'string' && {
                    provenance: new URL(file.provenance, base).href
                }),
                ...(sha256 && { sha256 }),
                ...(md5 && { md5 })
            }
        ];
    });
}
const ANCHOR = /<a\s([^>]*)>([^<]*)<\/a>/gi;
const ATTRIBUTE = /([\w-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
/** PEP 503: one anchor per file, `#sha256=` in the URL fragment, `data-yanked` marks yanked files. */
function parseHtmlPage(body, base) {
    const files = [];
    for (const [, attributeText = '', text = ''] of body.matchAll(ANCHOR)) {
        const attributes = new Map();
        for (const [, name = '', a, b, c] of attributeText.matchAll(ATTRIBUTE)) {
            attributes.set(name.toLowerCase(), decodeEntities(a ?? b ?? c ?? ''));
        }
        const href = attributes.get('href');
        if (!href)
            continue;
        const url = new URL(href, base);
        const sha256 = sha256FromFragment(url);
        const md5 = sha256 ? undefined : md5FromFragment(url);
        url.hash = '';
        const provenance = attributes.get('data-provenance');
        files.push({
            filename: decodeEntities(text).trim(),
            url: url.href,
            yanked: attributes.has('data-yanked'),
            ...(provenance && { provenance: new URL(provenance, base).href }),
            ...(sha256 && { sha256 }),
            ...(md5 && { md5 })
        });
    }
    return files;
}
/** The `#sha256=…` a PEP 503 link (or a user's URL) carries in its fragment, lower-cased. */
function sha256FromFragment(url) {
    return /(?:^|&)sha256=([0-9a-f]{64})/i.exec(url.hash.slice(1))?.[1]?.toLowerCase();
}
function md5FromFragment(url) {
    return /(?:^|&)md5=([0-9a-f]{32})/i.exec(url.hash.slice(1))?.[1]?.toLowerCase();
}
// Hand-written: PEP 503 pages only need the five XML entities and numeric references decoded.
function decodeEntities(text) {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity) => {
        if (entity.startsWith('#x') || entity.startsWith('#X'))
            return String.fromCodePoint(parseInt(entity.slice(2), 16));
        if (entity.startsWith('#'))
            return String.fromCodePoint(Number(entity.slice(1)));
        return named[entity.toLowerCase()] ?? whole;
    });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/packaging/version.ts
/** Python's `str.isspace()` characters, which `\s` and `str.strip()` use on text. */
const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** packaging's VERSION_PATTERN (case-insensitive, ASCII letters and digits only), anchored. */
const VERSION = new RegExp(`^[${SPACE}]*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)` +
    '(?:[._-]?(alpha|a|beta|b|preview|pre|c|rc)[._-]?(\\d+)?)?' +
    '(?:-(\\d+)|[._-]?(post|rev|r)[._-]?(\\d+)?)?' +
    '(?:[._-]?(dev)[._-]?(\\d+)?)?' +
    `(?:\\+([a-z0-9]+(?:[._-][a-z0-9]+)*))?[${SPACE}]*$`, 'i');
const PRE_LABELS = {
    a: 'a',
    alpha: 'a',
    b: 'b',
    beta: 'b',
    c: 'rc',
    rc: 'rc',
    pre: 'rc',
    preview: 'rc'
};
const PRE_RANK = { a: 0, b: 1, rc: 2 };
class Version {
    /** The normal form, `str(Version)`: `1.0.0-RC1` → `1.0.0rc1`, `1.0+ubuntu-1` → `1.0+ubuntu.1`. */
    text;
    parts;
    /** The release without trailing zeros (`1.0.0` and `1` are equal). */
    trimmed;
    suffix;
    withoutLocal;
    constructor(parts) {
        this.parts = { ...parts, epoch: parts.epoch ?? 0n };
        const trimmed = [...parts.release];
        while (trimmed.length && trimmed[trimmed.length - 1] === 0n)
            trimmed.pop();
        this.trimmed = trimmed;
        this.suffix = suffixKey(parts);
        this.text = format(this.parts);
    }
    /** undefined where packaging raises InvalidVersion. */
    static parse(text) {
        const match = VERSION.exec(text);
        if (!match)
            return undefined;
        const [, epoch, release, preLabel, preNumber, postImplicit, postLabel, postNumber, dev, devNumber] = match;
        const local = match[10];
        return new Version({
            ...(epoch !== undefined && { epoch: BigInt(epoch) }),
            release: (release ?? '0').split('.').map(BigInt),
            ...(preLabel !== undefined && {
                pre: [PRE_LABELS[preLabel.toLowerCase()] ?? 'rc', BigInt(preNumber ?? 0)]
            }),
            ...((postImplicit ?? postLabel) !== undefined && {
                post: BigInt(postImplicit ?? postNumber ?? 0)
            }),
            ...(dev !== undefined && { dev: BigInt(devNumber ?? 0) }),
            ...(local !== undefined && { local: parseLocal(local) })
        });
    }
    static fromParts(parts) {
        return new Version(parts);
    }
    /** This version with some parts replaced (`undefined` clears one), like `Version.__replace__`. */
    with(changes) {
        return new Version({ ...this.parts, ...changes });
    }
    get epoch() {
        return Number(this.parts.epoch);
    }
    get release() {
        return this.parts.release.map(Number);
    }
    get pre() {
        const pre = this.parts.pre;
        return pre && [pre[0], Number(pre[1])];
    }
    get post() {
        return this.parts.post === undefined ? undefined : Number(this.parts.post);
    }
    get dev() {
        return this.parts.dev === undefined ? undefined : Number(this.parts.dev);
    }
    /** The local label in normal form (`ubuntu.1`), undefined when there is none. */
    get local() {
        return this.parts.local?.map(String).join('.');
    }
    /** The version without its local label: `1!1.2.3.dev1` of `1!1.2.3dev1+abc`. */
    get public() {
        return this.text.split('+', 1)[0] ?? this.text;
    }
    /** Epoch and release only: `1!2.0` of `1!2.0rc1.post3+abc`. */
    get baseVersion() {
        return format({ epoch: this.parts.epoch, release: this.parts.release });
    }
    /** A pre-release or a development release (packaging's `is_prerelease`). */
    get isPrerelease() {
        return this.parts.pre !== undefined || this.parts.dev !== undefined;
    }
    get isPostrelease() {
        return this.parts.post !== undefined;
    }
    get isDevrelease() {
        return this.parts.dev !== undefined;
    }
    /** A release segment only (no pre, post, dev or local part). */
    get isFinal() {
        return !this.isPrerelease && !this.isPostrelease && this.parts.local === undefined;
    }
    /** The version without its local label. */
    get publicVersion() {
        if (this.parts.local === undefined)
            return this;
        return (this.withoutLocal ??= this.with({ local: undefined }));
    }
    /** `1.0` of `1.0.0`: the normal form with trailing zeros of the release dropped (one kept). */
    get canonical() {
        const release = this.trimmed.length ? this.trimmed : [0n];
        return format({ ...this.parts, release });
    }
    compare(other) {
        return Version.compare(this, other);
    }
    equals(other) {
        return other !== undefined && this.compare(other) === 0;
    }
    toString() {
        return this.text;
    }
    /** packaging's `_cmpkey` order. */
    static compare(a, b) {
        return (sign(a.parts.epoch, b.parts.epoch) ||
            compareSequences(a.trimmed, b.trimmed, sign) ||
            compareSequences(a.suffix, b.suffix, sign) ||
            compareLocal(a.parts.local, b.parts.local));
    }
}
function parseLocal(local) {
    return local.split(/[._-]/).map(part => (/^\d+$/.test(part) ? BigInt(part) : part.toLowerCase()));
}
function format(parts) {
    let text = parts.release.join('.');
    if (parts.epoch)
        text = `${parts.epoch}!${text}`;
    if (parts.pre)
        text += `${parts.pre[0]}${parts.pre[1]}`;
    if (parts.post !== undefined)
        text += `.post${parts.post}`;
    if (parts.dev !== undefined)
        text += `.dev${parts.dev}`;
    if (parts.local !== undefined)
        text += `+${parts.local.map(String).join('.')}`;
    return text;
}
const sign = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** packaging's `_cmpkey`: dev-only < a < b < rc < final, then without post < post, dev < no dev, then local. */
function suffixKey(parts) {
    const { pre, post, dev } = parts;
    const preRank = pre === undefined ? (post === undefined && dev !== undefined ? -1 : 3) : PRE_RANK[pre[0]];
    return [
        BigInt(preRank),
        pre?.[1] ?? 0n,
        post === undefined ? 0n : 1n,
        post ?? 0n,
        dev === undefined ? 1n : 0n,
        dev ?? 0n
    ];
}
/** Lexicographic, a shorter sequence first when it is a prefix of the other. */
function compareSequences(a, b, by) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const difference = by(a[i], b[i]);
        if (difference)
            return difference;
    }
    return sign(a.length, b.length);
}
/** PEP 440: in a local label, strings sort before numbers; numbers by value, strings by code point. */
function compareLocalParts(a, b) {
    if (typeof a === 'string')
        return typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : -1;
    return typeof b === 'string' ? 1 : sign(a, b);
}
function compareLocal(a, b) {
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    return compareSequences(a, b, compareLocalParts);
}
function isValidVersion(version) {
    return Version.parse(version) !== undefined;
}
/** The PEP 440 normal form (`1.0.0-RC1` → `1.0.0rc1`), or the input when it is not a valid version. */
function normalizeVersion(version) {
    return Version.parse(version)?.text ?? version;
}
/** PEP 440 ordering; undefined when either side is not a valid version. */
function compareVersions(a, b) {
    const left = Version.parse(a);
    const right = Version.parse(b);
    return left && right ? left.compare(right) : undefined;
}
function isPrerelease(version) {
    return Version.parse(version)?.isPrerelease ?? false;
}
/** A maintainer's word for a version step, e.g. "the next pre-release of 24.3.0". */
function describeVersionStep(previous, current) {
    const before = Version.parse(previous);
    const after = Version.parse(current);
    if (!before || !after)
        return 'a version change';
    const step = versionStep(before, after);
    return after.local === undefined
        ? step
        : `${step}, with a local version label (+${after.local}) that public indexes refuse`;
}
function versionStep(before, after) {
    if (before.epoch !== after.epoch)
        return `an epoch change (${before.epoch}! → ${after.epoch}!): every version of epoch ${after.epoch} sorts after all of epoch ${before.epoch}`;
    if (before.baseVersion === after.baseVersion) {
        if (after.pre !== undefined && !after.isDevrelease)
            return `the next pre-release of ${after.baseVersion}`;
        if (after.isDevrelease)
            return `the next development release of ${after.baseVersion}`;
        if (before.isPrerelease)
            return `the final release of ${after.baseVersion}`;
        if (after.isPostrelease)
            return `a post-release of ${after.baseVersion}`;
        return 'a re-release of the same version';
    }
    const kind = releaseKind(before.release, after.release);
    return after.isPrerelease ? `a pre-release of the next ${kind} release` : `a ${kind} release`;
}
function releaseKind(before, after) {
    if ((after[0] ?? 0) !== (before[0] ?? 0))
        return 'major';
    if ((after[1] ?? 0) !== (before[1] ?? 0))
        return 'minor';
    return 'patch';
}

;// CONCATENATED MODULE: ./src/cli/by-name.ts



/** What only a file is called: an archive suffix, a folder, standard input. */
const LOOKS_LIKE_A_FILE = /(?:\.tar\.gz|\.tgz|\.whl|\.zip)$|[/\\]|^-$/i;
/**
 * Reads the positional arguments as published releases when none of them is an existing file: each
 * must then be a project name with an optional `==VERSION`. Undefined when they are files (or look like
 * them: a typo'd path stays a missing file). Throws a message naming both readings otherwise.
 */
function releasesByName(positionals, exists = external_node_fs_.existsSync) {
    if (!positionals.length || positionals.length > 2)
        return undefined;
    if (positionals.some(arg => exists(arg) || LOOKS_LIKE_A_FILE.test(arg))) {
        const stray = positionals.find(arg => !exists(arg) && !LOOKS_LIKE_A_FILE.test(arg) && parse(arg));
        if (stray && positionals.length === 2)
            throw new Error(`"${stray}" is not a file, and a project name cannot be compared with a file: give two files, or NAME==OLD NAME==NEW`);
        return undefined;
    }
    const parsed = positionals.map(arg => {
        const release = parse(arg);
        if (!release)
            throw new Error(`"${arg}" is neither an existing file nor a published release (NAME or NAME==VERSION, e.g. requests==2.32.3)`);
        return release;
    });
    const [first, second] = parsed;
    if (!first)
        return undefined;
    if (!second)
        return { name: first.name, ...(first.version && { current: first.version }) };
    if (normalizeName(first.name) !== normalizeName(second.name))
        throw new Error(`${first.name} and ${second.name} are different projects: compare two releases of one`);
    if (!first.version || !second.version)
        throw new Error(`two releases are named with their versions: ${first.name}==OLD ${first.name}==NEW`);
    return { name: first.name, previous: first.version, current: second.version };
}
function parse(arg) {
    const [name = '', version, ...rest] = arg.split('==');
    if (rest.length || !isValidName(name.trim()))
        return undefined;
    if (version !== undefined && !isValidVersion(version.trim()))
        return undefined;
    return { name: name.trim(), ...(version !== undefined && { version: version.trim() }) };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __nccwpck_require__(4006);
var picomatch_default = /*#__PURE__*/__nccwpck_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/judge/severity.ts
const SEVERITIES = ['info', 'low', 'medium', 'high'];
const RISKS = ['none', ...SEVERITIES];
function riskRank(risk) {
    return RISKS.indexOf(risk);
}
function highestRisk(risks) {
    let highest = 'none';
    for (const risk of risks)
        if (riskRank(risk) > riskRank(highest))
            highest = risk;
    return highest;
}
/** Whether `risk` reaches the `threshold`; a threshold of `none` never fails. */
function reachesThreshold(risk, threshold) {
    return threshold !== 'none' && riskRank(risk) >= riskRank(threshold);
}
function parseRisk(value, what) {
    const risk = value.trim().toLowerCase();
    if (RISKS.includes(risk))
        return risk;
    throw new Error(`${what} must be one of ${RISKS.join(', ')}; got "${value}"`);
}

;// CONCATENATED MODULE: ./src/judge/acceptance.ts

function accepts(acceptance, finding) {
    if (acceptance.rule !== finding.rule)
        return false;
    const { match } = acceptance;
    if (match === undefined)
        return true;
    return (finding.message.includes(match) ||
        (finding.path !== undefined && picomatch_default().isMatch(finding.path, match, { dot: true })));
}
/** The findings with `accepted` set to the reason of the first acceptance that covers them. */
function markAccepted(findings, acceptances) {
    if (!acceptances.length)
        return findings;
    return findings.map(finding => {
        const acceptance = acceptances.find(a => accepts(a, finding));
        return acceptance ? { ...finding, accepted: acceptance.reason } : finding;
    });
}
/** Acceptances that cover no finding of the run: stale, and worth a warning. */
function staleAcceptances(findings, acceptances) {
    return acceptances.filter(a => !findings.some(f => accepts(a, f)));
}
function describeAcceptance(acceptance) {
    return `${acceptance.rule}${acceptance.match !== undefined ? ` matching "${acceptance.match}"` : ''}`;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/util/group-by.ts
/** Items grouped by key, in their order; each group is built by push, so this stays linear. */
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
        const group = groups.get(key(item));
        if (group)
            group.push(item);
        else
            groups.set(key(item), [item]);
    }
    return groups;
}

// EXTERNAL MODULE: ./src/read/decode-text.ts + 1 modules
var decode_text = __nccwpck_require__(2774);
;// CONCATENATED MODULE: ./src/compare/similar-renames.ts



/** git's default: a pair sharing at least half its lines is a rename with edits. */
const MIN_SIMILARITY = 50;
/** Bounds the work: candidate pairs are scored at most this many times. */
const MAX_SCORED_PAIRS = 2000;
/** Files larger than this are compared by hash only. */
const MAX_SCORED_BYTES = 1024 * 1024;
/**
 * Pairs a removed text file with an added one of the same name (or, in the same folder, the same
 * extension or stem) whose lines mostly agree: a file moved and edited in one release reads as one rename with its
 * diff. Scored on line multisets, as git's rename detection scores chunks, so it stays linear in size.
 */
function pairSimilarRenames(removed, added) {
    const candidates = [];
    let budget = MAX_SCORED_PAIRS;
    const lines = new Map();
    const linesOf = (entry) => {
        if (!lines.has(entry))
            lines.set(entry, lineCounts(entry));
        return lines.get(entry);
    };
    const scorableAdded = added.filter(scorable);
    const byName = groupBy(scorableAdded, entry => external_node_path_.posix.basename(entry.path));
    const byFolder = groupBy(scorableAdded, entry => external_node_path_.posix.dirname(entry.path));
    for (const from of removed.filter(scorable)) {
        const related = new Set([
            ...(byName.get(external_node_path_.posix.basename(from.path)) ?? []),
            ...(byFolder.get(external_node_path_.posix.dirname(from.path)) ?? []).filter(to => sameKind(from.path, to.path))
        ]);
        for (const to of related) {
            if (budget-- <= 0)
                break;
            const [a, b] = [linesOf(from), linesOf(to)];
            if (!a || !b)
                continue;
            const score = similarity(a, b);
            if (score >= MIN_SIMILARITY)
                candidates.push({ from, to, score });
        }
    }
    const used = new Set();
    const renames = [];
    for (const { from, to, score } of candidates.sort((x, y) => y.score - x.score)) {
        if (used.has(from) || used.has(to))
            continue;
        used.add(from).add(to);
        renames.push({ from: from.path, to: to.path, similarity: Math.min(99, Math.floor(score)) });
    }
    return renames;
}
function scorable(entry) {
    return entry.type === 'file' && !entry.binary && entry.size > 0 && entry.size <= MAX_SCORED_BYTES;
}
/**
 * In one folder: the same extension, the same stem (README.rst → README.md), or one name the other
 * with an extension added (class.html → class.html.jinja).
 */
function sameKind(a, b) {
    const [extA, extB] = [external_node_path_.posix.extname(a), external_node_path_.posix.extname(b)];
    const [nameA, nameB] = [external_node_path_.posix.basename(a), external_node_path_.posix.basename(b)];
    return (extA === extB ||
        external_node_path_.posix.basename(a, extA) === external_node_path_.posix.basename(b, extB) ||
        nameB.startsWith(`${nameA}.`) ||
        nameA.startsWith(`${nameB}.`));
}
function lineCounts(entry) {
    const text = (0,decode_text/* entryText */.u0)(entry);
    if (text === undefined)
        return undefined;
    const counts = new Map();
    for (const line of text.split(/\r?\n/)) {
        const key = line.trim();
        if (key !== '')
            counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
}
/** Percent of non-blank lines in common, counted with multiplicity. */
function similarity(a, b) {
    let common = 0;
    let total = 0;
    for (const count of a.values())
        total += count;
    for (const count of b.values())
        total += count;
    for (const [line, count] of a)
        common += Math.min(count, b.get(line) ?? 0);
    return total === 0 ? 0 : (200 * common) / total;
}

;// CONCATENATED MODULE: ./src/compare/file-changes.ts



/**
 * Compares the two file lists by path relative to the root folder, so the versioned root name,
 * timestamps and owners never show as changes. Directory entries are skipped: build backends list them
 * inconsistently, and a file's path already implies its folders.
 */
function compareFiles(previous, current) {
    const before = nonDirectories(previous);
    const after = nonDirectories(current);
    const added = [];
    const removed = [];
    const modified = [];
    const modeChanged = [];
    const typeChanged = [];
    let unchanged = 0;
    for (const [path, old] of before) {
        const now = after.get(path);
        if (!now) {
            removed.push(old);
            continue;
        }
        const typeDiffers = old.type !== now.type;
        const contentDiffers = !typeDiffers && !sameContent(old, now);
        const modeDiffers = !typeDiffers && old.type === 'file' && old.mode !== now.mode;
        if (typeDiffers)
            typeChanged.push(path);
        if (contentDiffers)
            modified.push(path);
        if (modeDiffers)
            modeChanged.push(path);
        if (!typeDiffers && !contentDiffers && !modeDiffers)
            unchanged++;
    }
    for (const [path, now] of after)
        if (!before.has(path))
            added.push(now);
    const exact = pairRenames(removed, added);
    const [exactFrom, exactTo] = [new Set(exact.map(r => r.from)), new Set(exact.map(r => r.to))];
    const similar = pairSimilarRenames(removed.filter(e => !exactFrom.has(e.path)), added.filter(e => !exactTo.has(e.path)));
    const paired = [...exact, ...similar];
    const renamed = [...paired, ...followFolderMoves(paired, removed, added)];
    const renamedFrom = new Set(renamed.map(r => r.from));
    const renamedTo = new Set(renamed.map(r => r.to));
    return {
        added: sorted(added.map(e => e.path).filter(p => !renamedTo.has(p))),
        removed: sorted(removed.map(e => e.path).filter(p => !renamedFrom.has(p))),
        modified: sorted(modified),
        renamed: renamed.sort((a, b) => compareStrings(a.from, b.from)),
        modeChanged: sorted(modeChanged),
        typeChanged: sorted(typeChanged),
        unchanged
    };
}
function hasFileChanges(files) {
    return (files.added.length +
        files.removed.length +
        files.modified.length +
        files.renamed.length +
        files.modeChanged.length +
        files.typeChanged.length >
        0);
}
/** The files, links and other entries of an sdist: everything but its folders. */
function nonDirectories(sdist) {
    return new Map([...sdist.entries].filter(([, entry]) => entry.type !== 'dir'));
}
function sameContent(a, b) {
    return a.sha256 === b.sha256 && a.size === b.size && a.linkTarget === b.linkTarget;
}
/** Pairs removed and added files with identical non-empty content, preferring the same base name. */
function pairRenames(removed, added) {
    const addedByHash = groupBy(added.filter(entry => entry.type === 'file' && entry.size > 0), entry => entry.sha256);
    const renames = [];
    for (const old of [...removed].sort((a, b) => compareStrings(a.path, b.path))) {
        if (old.type !== 'file' || old.size === 0)
            continue;
        const candidates = addedByHash.get(old.sha256);
        if (!candidates?.length)
            continue;
        const sameBase = candidates.findIndex(c => external_node_path_.posix.basename(c.path) === external_node_path_.posix.basename(old.path));
        const [match] = candidates.splice(sameBase >= 0 ? sameBase : 0, 1);
        if (match)
            renames.push({ from: old.path, to: match.path });
    }
    return renames;
}
/**
 * Files left unpaired (empty ones, which share one hash and so say nothing by content) that moved
 * with their folder: a removed `a/x` pairs with an added `b/x` of the same content when another file
 * of `a/` was renamed to the same name in `b/`. A folder moved whole is then one rename of each file.
 */
function followFolderMoves(renames, removed, added) {
    const moves = new Map();
    for (const { from, to } of renames) {
        if (external_node_path_.posix.basename(from) !== external_node_path_.posix.basename(to))
            continue;
        const [a, b] = [external_node_path_.posix.dirname(from), external_node_path_.posix.dirname(to)];
        if (a !== b)
            moves.set(a, (moves.get(a) ?? new Set()).add(b));
    }
    const pairedFrom = new Set(renames.map(r => r.from));
    const open = new Map(added.filter(e => !renames.some(r => r.to === e.path)).map(entry => [entry.path, entry]));
    const followed = [];
    for (const old of [...removed].sort((x, y) => compareStrings(x.path, y.path))) {
        if (pairedFrom.has(old.path))
            continue;
        for (const target of movedTargets(old.path, moves)) {
            const now = open.get(target);
            if (!now || now.type !== old.type || !sameContent(old, now))
                continue;
            followed.push({ from: old.path, to: now.path });
            open.delete(now.path);
            break;
        }
    }
    return followed;
}
/** Where a path lands if its folder, or a folder above it, moved: the nearest folder first. */
function movedTargets(path, moves) {
    const targets = [];
    for (let folder = external_node_path_.posix.dirname(path); folder !== '.'; folder = external_node_path_.posix.dirname(folder))
        for (const to of moves.get(folder) ?? [])
            targets.push(to + path.slice(folder.length));
    return targets;
}
function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function sorted(paths) {
    return paths.sort(compareStrings);
}

;// CONCATENATED MODULE: ./src/util/words.ts
/** "1 file", "3 files" */
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./src/judge/file-mode-changed.ts
const EXECUTABLE = 0o111;
const fileModeChanged = {
    id: 'file-mode-changed',
    defaultSeverity: 'low',
    description: 'A file became or stopped being executable, or changed type (file ↔ link); other permission changes are info.',
    check: ({ previous, current, files }) => [
        ...files.modeChanged.flatMap(path => {
            const before = previous.entries.get(path)?.mode ?? 0;
            const after = current.entries.get(path)?.mode ?? 0;
            const executable = ((before ^ after) & EXECUTABLE) !== 0;
            // Installers apply only a wheel's executable bits: its other permission bits mean nothing.
            if (!executable && current.wheel)
                return [];
            return {
                path,
                message: `${path} mode changed from ${octal(before)} to ${octal(after)}${executable ? ((after & EXECUTABLE) !== 0 ? ' (now executable)' : ' (no longer executable)') : ''}`,
                ...(!executable && { severity: 'info' })
            };
        }),
        ...files.typeChanged.map(path => {
            const before = previous.entries.get(path)?.type;
            const after = current.entries.get(path)?.type;
            return { path, message: `${path} changed from ${before} to ${after}` };
        })
    ]
};
function octal(mode) {
    return (mode ?? 0).toString(8).padStart(4, '0');
}

;// CONCATENATED MODULE: ./src/judge/gone-folders.ts

/**
 * The folders that still hold a file (kept, or new in the current release), as a tree of path
 * segments, so that each question about a path walks it once: linear in its length, where listing
 * every prefix of a path as a string would be quadratic in its depth.
 */
class GoneFolders {
    root = new Map();
    /** From a pair and the paths it removed: every other path of either side occupies its folders. */
    constructor(pair, removed) {
        for (const side of [pair.previous, pair.current])
            for (const path of nonDirectories(side).keys())
                if (!removed.has(path))
                    this.occupy(path);
    }
    occupy(path) {
        let node = this.root;
        for (const segment of path.split('/').slice(0, -1)) {
            let child = node.get(segment);
            if (!child)
                node.set(segment, (child = new Map()));
            node = child;
        }
    }
    /** Whether `folder` (`a/b`, no slash at the end) holds no file any more. */
    isGone(folder) {
        let node = this.root;
        for (const segment of folder.split('/'))
            if (!(node = node.get(segment)))
                return true;
        return false;
    }
    /**
     * The shallowest folder above `path` that holds no file any more and is longer than `below` (a folder
     * of the path, or '' for any), or undefined when every such folder still holds one.
     */
    shallowestGone(path, below = '') {
        let node = this.root;
        let end = -1;
        for (const segment of path.split('/').slice(0, -1)) {
            end += segment.length + 1;
            node = node?.get(segment);
            if (!node && end > below.length)
                return path.slice(0, end);
        }
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/judge/fold-folders.ts







/** More than this many files under one folder read as one change to the folder. */
const FOLD_AFTER = 5;
/** Names listed in a folded finding before "…". */
const NAMES_SHOWN = 4;
const VERB = {
    'file-added': 'added',
    'file-removed': 'removed',
    'file-not-in-source': 'not in git',
    'source-file-missing': 'left out of the sdist',
    'file-differs-from-source': 'differing from git'
};
/**
 * One finding per folder for files added or removed past FOLD_AFTER under it, and one per folder
 * renamed as a whole (or past FOLD_AFTER files moved between two folders). The report's `files` lists
 * keep every path; only the findings fold.
 */
function foldFileFindings(findings, pair) {
    const folded = findings.filter(f => !(f.path !== undefined && (f.rule in VERB || f.rule === 'file-mode-changed')));
    const previousPaths = new Set(pair ? nonDirectories(pair.previous).keys() : []);
    for (const rule of Object.keys(VERB)) {
        const perFile = findings.filter(f => f.rule === rule && f.path !== undefined);
        const removed = new Set(perFile.map(f => f.path ?? ''));
        const gone = rule === 'file-removed' && pair && removed.size ? new GoneFolders(pair, removed) : undefined;
        const byCount = foldByFolder(perFile, rule, gone);
        for (const finding of gone ? foldGoneFolders(byCount, gone) : byCount)
            folded.push(finding);
    }
    // Mode changes and renames come from pair rules: a first release has none.
    if (!pair)
        return folded;
    for (const finding of foldModeChanges(findings, pair))
        folded.push(finding);
    const renameFindings = folded.filter(f => f.rule === 'file-renamed');
    const rest = folded.filter(f => f.rule !== 'file-renamed');
    return [...rest, ...foldRenames(renameFindings, pair.files.renamed, previousPaths)];
}
/** Many files with the same permission change (a backend that stopped writing 0664) are one finding. */
function foldModeChanges(findings, pair) {
    const modeFindings = findings.filter(f => f.rule === 'file-mode-changed' && f.path !== undefined);
    const byChange = groupBy(modeFindings, finding => {
        const [before, after] = [pair.previous, pair.current].map(s => s.entries.get(finding.path ?? ''));
        // A change of type (file ↔ link) is never folded.
        return before?.type === after?.type ? `${octal(before?.mode)} to ${octal(after?.mode)}` : '';
    });
    return [...byChange].flatMap(([change, members]) => {
        if (change === '' || members.length <= FOLD_AFTER)
            return members;
        const paths = members.map(m => m.path ?? '');
        return [
            {
                ...strongest(members),
                path: `${commonFolder(paths) || '.'}/`,
                message: `${plural(members.length, 'file')} changed mode from ${change}: ${listed(paths)}`
            }
        ];
    });
}
function foldByFolder(perFile, rule, gone) {
    const tree = new FolderTree();
    for (const { path = '' } of perFile)
        tree.count(path);
    // Each file folds into its shallowest folder holding more than FOLD_AFTER of them (none: no fold).
    const groups = groupBy(perFile, finding => tree.foldInto(finding.path ?? ''));
    const single = groups.get(undefined) ?? [];
    groups.delete(undefined);
    const merged = [...groups.values()].map(members => {
        const paths = members.map(m => m.path ?? '');
        const folder = commonFolder(paths);
        const names = paths.map(p => p.slice(folder.length + 1));
        const count = plural(members.length, 'file');
        return {
            ...strongest(members),
            rule,
            path: `${folder}/`,
            message: gone?.isGone(folder)
                ? `folder ${folder}/ was removed (${count}: ${collapsed(names, folder, gone)})`
                : `${count} ${VERB[rule]} under ${folder}/: ${gone ? collapsed(names, folder, gone) : listed(names)}`
        };
    });
    return [...single, ...merged];
}
/**
 * Files removed one by one (too few to fold by count) that were all a folder held: one finding for the
 * folder, under the shallowest folder gone whole (coverage 7.11.0 dropped a four-file test fixture).
 */
function foldGoneFolders(findings, gone) {
    // A finding in no folder gone whole keeps a key of its own, and with it its place.
    const groups = groupBy(findings, finding => {
        const path = finding.path ?? '';
        return (!path.endsWith('/') && gone.shallowestGone(path)) || finding;
    });
    return [...groups].flatMap(([folder, members]) => {
        if (typeof folder !== 'string' || members.length < 2)
            return members;
        const names = members.map(m => (m.path ?? '').slice(folder.length + 1));
        return [
            {
                ...strongest(members),
                path: `${folder}/`,
                message: `folder ${folder}/ was removed (${plural(members.length, 'file')}: ${listed(names)})`
            }
        ];
    });
}
/**
 * A folded finding's names, each subfolder gone whole as one name, listed before single files:
 * `vendored/ (18 files)` for wheel 0.46.0's vendored packaging. A subfolder with a file that is always
 * named (a wheel, a shared object) is not folded, and those files still come first.
 */
function collapsed(names, folder, gone) {
    const under = (name) => gone.shallowestGone(`${folder}/${name}`, folder)?.slice(folder.length + 1);
    const groups = groupBy(names, under);
    groups.delete(undefined);
    const folded = [...groups].filter(([, members]) => members.length > 1 && !members.some(n => ALWAYS_NAMED.test(n)));
    const foldedNames = new Set(folded.flatMap(([, members]) => members));
    const counts = new Map(folded.map(([sub, members]) => [`${sub}/ (${plural(members.length, 'file')})`, members.length]));
    return listed([...counts.keys(), ...names.filter(name => !foldedNames.has(name))], counts);
}
/**
 * How many of the files lie under each folder, as a tree of path segments: a path is walked once, so
 * the work is linear in its length (listing every prefix as a string would be quadratic in its depth).
 */
class FolderTree {
    root = { files: 0, children: new Map() };
    count(path) {
        let node = this.root;
        for (const segment of folderSegments(path)) {
            let child = node.children.get(segment);
            if (!child)
                node.children.set(segment, (child = { files: 0, children: new Map() }));
            child.files++;
            node = child;
        }
    }
    /** The shallowest folder above `path` holding more than FOLD_AFTER files; undefined when none does. */
    foldInto(path) {
        let node = this.root;
        for (const segment of folderSegments(path)) {
            const child = node.children.get(segment);
            if (!child)
                return undefined;
            if (child.files > FOLD_AFTER)
                return child;
            node = child;
        }
        return undefined;
    }
}
/** The folders of a path, shallowest first; the root is never one. */
function folderSegments(path) {
    return path.split('/').slice(0, -1);
}
function foldRenames(findings, renames, previousPaths) {
    const byTarget = new Map(findings.map(f => [f.path, f]));
    const groups = new Map();
    for (const rename of renames) {
        if (!byTarget.has(rename.to))
            continue;
        const moved = movedFolder(rename);
        if (!moved)
            continue;
        const key = `${moved.from}\0${moved.to}`;
        const group = groups.get(key) ?? { ...moved, renames: [] };
        group.renames.push(rename);
        groups.set(key, group);
    }
    const absorbed = new Set();
    const merged = [];
    for (const group of groups.values()) {
        const whole = wholeFolder(group.from, group.renames, previousPaths);
        if (!(whole && group.renames.length > 1) && group.renames.length <= FOLD_AFTER)
            continue;
        const members = group.renames.map(r => byTarget.get(r.to)).filter(f => f !== undefined);
        const edited = group.renames.filter(r => r.similarity !== undefined).length;
        const note = edited ? `, ${edited} with edits` : '';
        merged.push({
            ...strongest(members),
            path: `${group.to}/`,
            message: whole
                ? `folder ${group.from}/ was renamed to ${group.to}/ (${plural(group.renames.length, 'file')}${note})`
                : `${plural(group.renames.length, 'file')} moved from ${group.from}/ to ${group.to}/${note ? ` (${note.slice(2)})` : ''}`
        });
        for (const r of group.renames)
            absorbed.add(r.to);
    }
    return [...findings.filter(f => !absorbed.has(f.path ?? '')), ...merged];
}
/** `a/x/y.py` → `b/x/y.py` moved folder `a` to `b`: the paths minus their longest common tail. */
function movedFolder({ from, to }) {
    const [a, b] = [from.split('/'), to.split('/')];
    let tail = 0;
    while (tail < Math.min(a.length, b.length) - 1 &&
        a[a.length - 1 - tail] === b[b.length - 1 - tail])
        tail++;
    if (tail === 0)
        return undefined;
    const [fromDir, toDir] = [
        a.slice(0, a.length - tail).join('/'),
        b.slice(0, b.length - tail).join('/')
    ];
    return fromDir && toDir ? { from: fromDir, to: toDir } : undefined;
}
/** Every file the previous release had under `folder` moved with it. */
function wholeFolder(folder, renames, previousPaths) {
    const moved = new Set(renames.map(r => r.from));
    for (const path of previousPaths)
        if (path.startsWith(`${folder}/`) && !moved.has(path))
            return false;
    return true;
}
function commonFolder(paths) {
    const [first = [], ...rest] = paths.map(p => external_node_path_.posix.dirname(p).split('/'));
    let depth = first.length;
    for (const parts of rest) {
        let same = 0;
        while (same < Math.min(depth, parts.length) && parts[same] === first[same])
            same++;
        depth = same;
    }
    return first.slice(0, depth).join('/');
}
function strongest(members) {
    return members.reduce((a, b) => (riskRank(b.severity) > riskRank(a.severity) ? b : a));
}
/** Files a reviewer must see by name even in a long list: wheels, eggs, native code, .pth files. */
const ALWAYS_NAMED = /\.(?:whl|egg|so(?:\.\d+)*|pyd|dll|dylib|exe|pth)$/i;
/** How many of those a folded finding names at most. */
const NAMED_AT_MOST = 20;
function listed(names, folded = new Map()) {
    const notable = names.filter(name => ALWAYS_NAMED.test(name)).slice(0, NAMED_AT_MOST);
    const room = Math.max(0, NAMES_SHOWN - notable.length);
    // Subfolders gone whole come before single names in the room left.
    const rest = [...names.filter(n => folded.has(n)), ...names.filter(n => !folded.has(n))];
    const chosen = new Set([...notable, ...rest.filter(n => !notable.includes(n)).slice(0, room)]);
    const shown = names.filter(name => chosen.has(name)).join(', ');
    const more = names
        .filter(name => !chosen.has(name))
        .reduce((n, name) => n + (folded.get(name) ?? 1), 0);
    return more > 0 ? `${shown}, … (${more} more)` : shown;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/error.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function getLineColFromPtr(string, ptr) {
    let lines = string.slice(0, ptr).split(/\r?\n/);
    return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
    let lines = string.split(/\r?\n/);
    let codeblock = '';
    let numberLen = (Math.log10(line + 1) | 0) + 1;
    for (let i = line - 1; i <= line + 1; i++) {
        let l = lines[i - 1];
        if (!l)
            continue;
        codeblock += i.toString().padEnd(numberLen, ' ');
        codeblock += ':  ';
        codeblock += l;
        codeblock += '\n';
        if (i === line) {
            codeblock += ' '.repeat(numberLen + column + 2);
            codeblock += '^\n';
        }
    }
    return codeblock;
}
class TomlError extends Error {
    line;
    column;
    codeblock;
    constructor(message, options) {
        const [line, column] = getLineColFromPtr(options.toml, options.ptr);
        const codeblock = makeCodeBlock(options.toml, line, column);
        super(`Invalid TOML document: ${message}\n\n${codeblock}`, options);
        this.line = line;
        this.column = column;
        this.codeblock = codeblock;
    }
    /** @internal */
    static x(message, ctx, ptr) {
        throw new TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/primitive.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function parseString(ctx) {
    let startPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p++);
    let first = c;
    let isLiteral = c === 0x27; /* ' */
    let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
    if (isMultiline) {
        // Trim initial newline
        if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 0xa /* \n */)
            ctx.p++;
        else if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)
            ctx.p += 2;
    }
    // For the record: it is not worth it to use a fast-path for literal strings using `indexOf`.
    // Doing a char-by-char iteration ends up dispatching less instructions, for the same wall-clock runtime.
    let parsed = '';
    let sliceStart = ctx.p;
    // states:
    //   0 - decoding
    //   1 - decoding escape
    //   2 - whitespace escape (no newline encountered yet, must fail on non-whitespace)
    //   3 - whitespace escape (newline encountered, allowed to transition back to normal decode)
    let state = 0;
    for (; ctx.p < ctx.s.length; ctx.p++) {
        c = ctx.s.charCodeAt(ctx.p);
        // Deal with newlines first, since that simplifies control character checking and handling across all states
        if (isMultiline && (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */))) {
            state = state && 3;
        }
        // Control characters are banned in TOML, so we throw an error if we encounter them
        else if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in strings', ctx);
        }
        // The string might terminate while we're parsing through a newline escape.
        // It must have encountered a newline; otherwise, it'll simply fail in another branch.
        else if ((!state || state === 3) && c === first && (!isMultiline || (ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first))) {
            if (isMultiline) {
                // If the string ends with 4-5 quotes, then the first 1-2 are part of the string
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
            }
            // If we're in a newline escape still, then there's nothing to add.
            if (!state) {
                // Avoid a useless concat operation if the string can be used as-is.
                let s = ctx.s.slice(sliceStart, ctx.p);
                parsed = parsed ? parsed + s : s;
            }
            ctx.p += isMultiline ? 3 : 1;
            return parsed;
        }
        // Baseline state; keep moving forward unless an escape sequence starts
        else if (!state) {
            if (!isLiteral && c === 0x5c /* \ */) {
                parsed += ctx.s.slice(sliceStart, (sliceStart = ctx.p));
                state = 1;
            }
        }
        else if (state === 1) {
            if (c === 0x78 /* x */ || c === 0x75 /* u */ || c === 0x55 /* U */) { // Unicode escape
                let errPtr = ctx.p++ - 1;
                let value = 0;
                let len = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : 8;
                for (let j = 0; j < len; j++, ctx.p++) {
                    let hex = ctx.s.charCodeAt(ctx.p);
                    let digit = 
                    /* 0-9 */ hex >= 0x30 && hex <= 0x39 ? hex - 0x30 :
                        /* A-F */ hex >= 0x41 && hex <= 0x46 ? hex - 0x41 + 10 :
                            /* a-f */ hex >= 0x61 && hex <= 0x66 ? hex - 0x61 + 10 : -1;
                    if (digit < 0)
                        TomlError.x('invalid non-hex character in unicode escape', ctx);
                    value = (value << 4) | digit;
                }
                // Because JS does bitwise on signed 32bit integers, all 0xfzzzzzzz values are actually seen as negative
                if (value < 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                    TomlError.x('invalid unicode escape', ctx, errPtr);
                }
                parsed += String.fromCodePoint(value);
                sliceStart = ctx.p--;
                state = 0;
            }
            // Newline escape sequence. We only need to care about spaces and tabs; newlines are dealt with earlier
            else if (isMultiline && (c === 0x20 || c === 0x9 /* \t */)) {
                state = 2;
            }
            // Basic escape sequence
            else {
                if (c === 0x62 /* b */)
                    parsed += '\b';
                else if (c === 0x74 /* t */)
                    parsed += '\t';
                else if (c === 0x6e /* n */)
                    parsed += '\n';
                else if (c === 0x66 /* f */)
                    parsed += '\f';
                else if (c === 0x72 /* r */)
                    parsed += '\r';
                else if (c === 0x65 /* e */)
                    parsed += '\x1b';
                else if (c === 0x22 /* " */)
                    parsed += '"';
                else if (c === 0x5c /* \ */)
                    parsed += '\\';
                else
                    TomlError.x('unrecognised escape sequence', ctx);
                sliceStart = ctx.p + 1;
                state = 0;
            }
        }
        // Newline escape continuation: keep moving forward until the first non-whitespace char
        else if (c !== 0x20 && c !== 0x9 /* \t */) {
            if (state === 2)
                TomlError.x('invalid escape: only line-ending whitespace may be escaped', ctx, sliceStart);
            // State cannot be zero, or we'd have branched earlier already.
            // If it's a backslash, immediately transition to the escape state so it can be processed.
            state = !isLiteral && c === 0x5c /* \ */ ? 1 : 0;
            sliceStart = ctx.p;
        }
    }
    TomlError.x('unfinished string', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/date.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
class TomlDate extends Date {
    #hasDate = false;
    #hasTime = false;
    #offset = null;
    constructor(date, fasttype, unsafeDelim) {
        let hasDate = true;
        let hasTime = true;
        let offset = 'Z';
        let c;
        if (typeof date === 'string') {
            if (fasttype)
                prep: {
                    // Date-time
                    if (fasttype < 3) {
                        if (+date.slice(11, 13) > 23) {
                            date = '';
                            break prep;
                        }
                        // Local
                        if (fasttype === 2) {
                            offset = null;
                            date += 'Z';
                        }
                        // Offset; keep track of offset if not Z
                        else if ((c = date.charCodeAt(date.length - 1)) !== 0x5a /* Z */ && c !== 0x7a /* z */) {
                            offset = date.slice(date.length - 6);
                        }
                        if (unsafeDelim)
                            date = date.slice(0, 10) + 'T' + date.slice(11);
                    }
                    // Time
                    else if (fasttype === 4) {
                        date = +date.slice(0, 2) > 23 ? '' : `0000-01-01T${date}Z`;
                    }
                    hasDate = fasttype !== 4;
                    hasTime = fasttype !== 3;
                }
            else {
                let match = date.match(DATE_TIME_RE);
                if (match) {
                    if (!match[1]) {
                        hasDate = false;
                        date = `0000-01-01T${date}`;
                    }
                    hasTime = !!match[2];
                    // Make sure to use T instead of a space. Breaks in case of extreme values otherwise.
                    hasTime && date[10] === ' ' && (date = date.replace(' ', 'T'));
                    // Do not allow rollover hours.
                    if (match[2] && +match[2] > 23) {
                        date = '';
                    }
                    else {
                        offset = match[3] || null;
                        if (!offset && hasTime)
                            date += 'Z';
                    }
                }
                else {
                    date = '';
                }
            }
        }
        super(date);
        if (!isNaN(this.getTime())) {
            this.#hasDate = hasDate;
            this.#hasTime = hasTime;
            this.#offset = offset;
        }
    }
    isDateTime() {
        return this.#hasDate && this.#hasTime;
    }
    isLocal() {
        return !this.#hasDate || !this.#hasTime || !this.#offset;
    }
    isDate() {
        return this.#hasDate && !this.#hasTime;
    }
    isTime() {
        return this.#hasTime && !this.#hasDate;
    }
    isValid() {
        return this.#hasDate || this.#hasTime;
    }
    toISOString() {
        let iso = super.toISOString();
        // Local Date
        if (this.isDate())
            return iso.slice(0, 10);
        // Local Time
        if (this.isTime())
            return iso.slice(11, 23);
        // Local DateTime
        if (this.#offset === null)
            return iso.slice(0, -1);
        // Offset DateTime
        if (this.#offset === 'Z' || this.#offset === 'z')
            return iso;
        // This part is quite annoying: JS strips the original timezone from the ISO string representation
        // Instead of using a "modified" date and "Z", we restore the representation "as authored"
        let offset = (+(this.#offset.slice(1, 3)) * 60) + +(this.#offset.slice(4, 6));
        offset = this.#offset[0] === '-' ? offset : -offset;
        let offsetDate = new Date(this.getTime() - (offset * 60e3));
        return offsetDate.toISOString().slice(0, -1) + this.#offset;
    }
    static wrapAsOffsetDateTime(jsDate, offset = 'Z') {
        let date = new TomlDate(jsDate);
        date.#offset = offset;
        return date;
    }
    static wrapAsLocalDateTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#offset = null;
        return date;
    }
    static wrapAsLocalDate(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasTime = false;
        date.#offset = null;
        return date;
    }
    static wrapAsLocalTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasDate = false;
        date.#offset = null;
        return date;
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/extract.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function isDigit(char, base = 10) {
    return base === 16
        ? (char > 0x2f && char < 0x3a) || (char > 0x40 && char < 0x47) || (char > 0x60 && char < 0x67)
        : (char > 0x2f && char < 0x30 + base);
}
function isEndOfValue(char, delim) {
    // Whitespace -- we're permissive on `\r` for performance; it'll be dealt with later anyway
    return char === 0x20 || char === 0x9 /* \t */ || char === 0xa /* \n */ || char === 0xd /* \r */ ||
        // Structure end or next value delimiter
        (delim && (char === delim || char === 0x2c /* , */)) ||
        // Comment
        char === 0x23; /* # */
}
/** @internal */
function extractValue(ctx, end) {
    let errPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p);
    // Structs
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        ctx.d-- || TomlError.x('document contains excessively nested structures. aborting.', ctx);
        let value = c === 0x5b /* [ */
            ? parseArray(ctx)
            : parseInlineTable(ctx);
        ctx.d++;
        return value;
    }
    // Strings
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        return parseString(ctx);
    }
    // Booleans
    // We can fast-path because the first character is enough to know the only possible value
    if (c === 0x74 /* t */) { // Only possible valid value is `true`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x72 || ctx.s.charCodeAt(++ctx.p) !== 0x75 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, true;
    }
    if (c === 0x66 /* f */) { // Only possible valid value is `false`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6c || ctx.s.charCodeAt(++ctx.p) !== 0x73 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, false;
    }
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
        return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 0x2c - c, end);
    }
    // Rough heuristic, but `parseDate` falls back to number parsing if it's a false positive.
    // e.g.: `a = 1\n-------------- = 1` would match this heuristic, but gracefully fallback to numbers.
    if (ctx.s.charCodeAt(ctx.p + 4) === 0x2d /* - */ && ctx.s.charCodeAt(ctx.p + 7) === 0x2d /* - */) {
        return parseDate(ctx, c, end);
    }
    // Same logic as above; `parseTime` falls back to number parsing if it's a false positive.
    if (ctx.s.charCodeAt(ctx.p + 2) === 0x3a /* : */) {
        return parseTime(ctx, c, end);
    }
    return parseNumber(ctx, ctx.p, c, 0, end);
}
// State:
// 0: init
// 1: integer
// 2: fractional dot
// 3: fractional
// 4: exponent letter
// 5: exponent
// 6: exponent sign
// 7: exponent with sign
// >9: underscore; see below
//     -> 12: was integer
//     -> 14: was fractional
//     -> 16: was exponent
// states 2-5, 14, 16 are ONLY permitted iif base === 10
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
    let c = startChr;
    let state = 0;
    let hasUnderscores = false;
    // (+/-)inf
    if (c === 0x69 /* i */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x6e || ctx.s.charCodeAt(++ctx.p) !== 0x66)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, (sign || 1) / 0;
    }
    // (+/-)nan
    if (c === 0x6e /* n */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6e)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, NaN;
    }
    // Leading zero
    // Only allowed cases: `0<EOV>`, `0.(...)`, `0e(...)`, `0x(...)`, `0b(...)`, `0o(...)`
    // FWIW, `0e(...)` is a stupid case, but it's not banned per-se so we have to parse it
    if (c === 0x30 /* 0 */) {
        if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
            return ctx.bi === true ? 0n : 0; // note: conveniently deals with `-0`
        if (!sign) {
            if (c === 0x78 /* x */)
                return parseIntegerBaseN(ctx, startPtr, 16, endChr);
            else if (c === 0x62 /* b */)
                return parseIntegerBaseN(ctx, startPtr, 2, endChr);
            else if (c === 0x6f /* o */)
                return parseIntegerBaseN(ctx, startPtr, 8, endChr);
        }
        if (c === 0x2e /* . */)
            state = 2;
        else if (c === 0x65 /* e */ || c === 0x45 /* E */)
            state = 4;
        else
            TomlError.x('illegal leading zero', ctx, startPtr);
    }
    // If the 1st char is not a digit by now, then it's not a valid TOML value at all
    else if (!isDigit(c))
        TomlError.x('invalid value', ctx, startPtr);
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (!state)
            state = 1; // Detects single-digit numbers we can use a fast parse path for
        // The way the states are numbered is not random: underscores are always permitted in odd-numbered states and
        // never permitted in even-numbered ones.
        if (c === 0x5f /* _ */) {
            if (!(state & 1))
                TomlError.x('illegal underscore', ctx);
            state += 11; // 11 is a marker that makes the state even and greater than 9; see the numbering + rationale above
            hasUnderscores = true;
        }
        // Transition to fractional part.
        else if (state === 1 && c === 0x2e /* . */)
            state = 2;
        // Transition to exponent part.
        else if ((state === 1 || state === 3) && (c === 0x65 /* e */ || c === 0x45 /* E */))
            state = 4;
        // + and - are permitted in state 4 only (handled before entering the function for state 0)
        else if (state === 4 && (c === 0x2b /* + */ || c === 0x2d /* - */)) {
            state = 6;
        }
        // All special cases have been handled; only digits are allowed here
        else if (!isDigit(c))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear state flags
        else if (state > 9)
            state -= 11;
        else if (!(state & 1))
            state++;
    }
    // Single-char number; we can fast-path these very easily.
    if (!state) {
        let val = (startChr - 0x30 /* 0 */) * (sign || 1);
        return ctx.bi === true ? BigInt(val) : val;
    }
    // Even-numbered states absolutely require a digit next; not even end of value is permitted
    if (!(state & 1))
        TomlError.x('unfinished numeric value', ctx, startPtr);
    let str = ctx.s.slice(startPtr, ctx.p);
    if (hasUnderscores)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return state > 1
        ? parseFloat(str)
        : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
    let c, underscore = 1;
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (c === 0x5f /* _ */) {
            if (underscore & 1)
                TomlError.x('illegal underscore', ctx);
            underscore = 3;
        }
        // We only need to check if the number is a valid digit, nothing else is permitted
        else if (!isDigit(c, base))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear underscore flag
        else if (underscore & 1)
            underscore--;
    }
    // Trailing underscore is not allowed
    if (underscore & 1)
        TomlError.x('unfinished numeric value', ctx);
    let str = ctx.s.slice(startPtr + 2, ctx.p);
    if (underscore)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
    if (ctx.bi !== true)
        int: {
            let val = parseInt(str, base);
            if (!Number.isSafeInteger(val)) {
                if (ctx.bi)
                    break int;
                TomlError.x('integer value cannot be represented losslessly', ctx, startPtr);
            }
            return val;
        }
    return base === 10 ? BigInt(str) : BigInt((base === 2 ? '0b' : base === 8 ? '0o' : '0x') + str);
}
function parseDate(ctx, c, endChr) {
    let startPtr = ctx.p++, unsafeSeparator;
    if (!isDigit(c) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++))) {
        return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
    }
    ctx.p += 5;
    if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
        TomlError.x('invalid date-time: date part is malformed', ctx, startPtr);
    if (ctx.p >= ctx.s.length || (((c = ctx.s.charCodeAt(ctx.p)) !== 0x20 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 0x54 /* T */ && c !== 0x74 /* t */)) {
        let t = ctx.s.slice(startPtr, ctx.p);
        return readDate(ctx, t, 3, false, startPtr);
    }
    if (ctx.s.charCodeAt(ctx.p += 3) !== 0x3a /* : */)
        TomlError.x('invalid date-time: time part is malformed', ctx, startPtr);
    if (ctx.s.charCodeAt(ctx.p += 3) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    if (c = ctx.s.charCodeAt(ctx.p)) {
        if (c === 0x5a /* Z */ || c === 0x7a /* z */) {
            let t = ctx.s.slice(startPtr, ++ctx.p);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, '[+00:00]');
        }
        if (c === 0x2b /* + */ || c === 0x2d /* - */) {
            // Temporal's ZonedDateTime is weird asf when it comes to dealing with traditional offsets...
            // It's 1.2x faster to allocate a new string to pass to ZDT than use Instant.toZonedDateTimeISO
            let t = ctx.s.slice(startPtr, ctx.p += 6);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, !ctx.ld && ('[' + ctx.s.slice(ctx.p - 6, ctx.p) + ']'));
        }
    }
    let t = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
    let start = ctx.p;
    if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
        return parseNumber(ctx, --ctx.p, c, 0, endChr);
    }
    if (ctx.s.charCodeAt(ctx.p += 4) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    let t = ctx.s.slice(start, ctx.p);
    return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
    if (ctx.ld) {
        let date = new TomlDate(str, type, unsafeDelim);
        if (!date.isValid())
            TomlError.x('invalid date', ctx, errPtr);
        return date;
    }
    try {
        if (temporalSuffix)
            str += temporalSuffix;
        switch (type) {
            case 1: return Temporal.ZonedDateTime.from(str);
            case 2: return Temporal.PlainDateTime.from(str);
            case 3: return Temporal.PlainDate.from(str);
            case 4: return Temporal.PlainTime.from(str);
        }
    }
    catch (e) {
        TomlError.x(e instanceof Error ? e.message : '' + e, ctx, errPtr);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/util.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */

/** @internal */
function skipComment(ctx) {
    for (; ctx.p < ctx.s.length; ctx.p++) {
        let c = ctx.s.charCodeAt(ctx.p);
        if (c === 0xa /* \n */)
            break;
        if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */) {
            ctx.p++;
            break;
        }
        if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in comments', ctx);
        }
    }
}
/** @internal */
function skipVoid(ctx, banNewLines, banComments) {
    let c;
    while (ctx.p < ctx.s.length) {
        while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 0x20 ||
            c === 0x9 /* \t */ ||
            (!banNewLines &&
                (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)))))
            ctx.p++;
        if (banComments || c !== 0x23 /* # */)
            break;
        skipComment(ctx);
    }
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/struct.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




/** @internal */
function parseKey(ctx, end = 0x3d /* = */) {
    // States:
    // 0: before first char
    // 1: parsing bare key
    // 2: after key component
    let startPtr;
    let state = 0;
    let parsed = [];
    let sliceStart;
    let c = ctx.s.charCodeAt(startPtr = ctx.p);
    do {
        // End of key
        if (c === end) {
            if (!state)
                TomlError.x('unexpected end of key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            return ctx.p++, parsed;
        }
        // Dotted key separator
        else if (c === 0x2e /* . */) {
            if (!state)
                TomlError.x('illegal empty bare key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            state = 0;
        }
        // Quoted key
        else if (!state && (c === 0x22 /* " */ || c === 0x27 /* ' */)) {
            if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
                TomlError.x('illegal quoted key: multiline strings are not allowed', ctx);
            parsed.push(parseString(ctx));
            state = 2;
            ctx.p--;
        }
        // Whitespace; no-op in state 0 and 2, end of bare key in state 1
        else if (c === 0x20 || c === 0x9 /* \t */) {
            if (state === 1) {
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
                state = 2;
            }
        }
        // If state is post-key, no character is allowed; otherwise ensure it's a bare-key component
        else if (state === 2 || (c < 0x30 && c !== 0x2d /* - */) || (c > 0x39 && c < 0x41) || (c > 0x5a && c < 0x61 && c !== 0x5f /* _ */) || c > 0x7a) {
            TomlError.x('illegal character in key', ctx);
        }
        // Illegal character
        else if (!state) {
            state = 1;
            sliceStart = ctx.p;
        }
    } while (c = ctx.s.charCodeAt(++ctx.p));
    TomlError.x('incomplete key-value: cannot find end of key', ctx, startPtr);
}
/** @internal */
function parseInlineTable(ctx) {
    let startPtr = ctx.p++;
    let res = Object.create(null);
    let seen = new Set();
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x7d /* } */) {
            ctx.p++;
            return res;
        }
        let k;
        let t = res;
        let hasOwn = false;
        let errPtr = ctx.p;
        let key = parseKey(ctx);
        for (let i = 0; i < key.length; i++) {
            if (i)
                t = hasOwn ? t[k] : (t[k] = Object.create(null));
            k = key[i];
            if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== 'object' || seen.has(t[k]))) {
                TomlError.x('trying to redefine an already defined value', ctx, errPtr);
            }
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor')) {
                t = ctx.uk !== 1 && TomlError.x('document contains an unsafe property', ctx, errPtr);
                break;
            }
            if (!hasOwn && unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
            }
        }
        if (hasOwn) {
            TomlError.x('trying to redefine an already defined value', ctx, errPtr);
        }
        skipVoid(ctx, true, true);
        let value = extractValue(ctx, 0x7d /* } */);
        if (t && typeof (t[k] = value) === 'object')
            seen.add(value);
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x7d /* } */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished table', ctx, startPtr);
}
/** @internal */
function parseArray(ctx) {
    let startPtr = ctx.p++;
    let res = [];
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x5d /* ] */) {
            ctx.p++;
            return res;
        }
        res.push(extractValue(ctx, 0x5d /* ] */));
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x5d /* ] */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished array', ctx, startPtr);
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/parse.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */




function peekTable(ctx, key, table, meta, type) {
    let t = table;
    let m = meta;
    let k;
    let hasOwn = false;
    let state;
    for (let i = 0; i < key.length; i++) {
        if (i) {
            t = hasOwn ? t[k] : (t[k] = Object.create(null));
            m = (state = m[k]).c;
            if (type === 0 /* Type.DOTTED */ && (state.t === 1 /* Type.EXPLICIT */ || state.t === 2 /* Type.ARRAY */)) {
                return null;
            }
            if (state.t === 2 /* Type.ARRAY */) {
                let l = t.length - 1;
                t = t[l];
                m = m[l].c;
            }
        }
        k = key[i];
        if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 /* Type.DOTTED */ && m[k]?.d) {
            return null;
        }
        if (!hasOwn) {
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor'))
                return false;
            if (unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
                Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
            }
            m[k] = {
                t: i < key.length - 1 && type === 2 /* Type.ARRAY */
                    ? 3 /* Type.ARRAY_DOTTED */ : type,
                d: false,
                i: 0,
                c: Object.create(null),
            };
        }
    }
    state = m[k];
    if (state.t !== type && !(type === 1 /* Type.EXPLICIT */ && state.t === 3 /* Type.ARRAY_DOTTED */)) {
        // Bad key type!
        return null;
    }
    if (type === 2 /* Type.ARRAY */) {
        if (!state.d) {
            state.d = true;
            t[k] = [];
        }
        t[k].push(t = Object.create(null));
        state.c[state.i++] = (state = { t: 1 /* Type.EXPLICIT */, d: false, i: 0, c: Object.create(null) });
    }
    if (state.d) {
        // Redefining a table!
        return null;
    }
    state.d = true;
    if (type === 1 /* Type.EXPLICIT */) {
        t = hasOwn ? t[k] : (t[k] = Object.create(null));
    }
    else if (type === 0 /* Type.DOTTED */ && hasOwn) {
        return null;
    }
    return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
    if (peek === null || ctx.uk === 2)
        TomlError.x(peek === null
            ? 'trying to redefine an already defined table or value'
            : 'document contains an unsafe property', ctx, ptr);
}
function parse_parse(toml, options = {}) {
    let ctx = {
        s: toml,
        p: 0,
        d: options.maxDepth ?? 1000,
        bi: options.integersAsBigInt ?? false,
        ld: options.useLegacyDate ?? true,
        uk: options.unsafeKeyBehaviour === 'throw' ? 2 : options.unsafeKeyBehaviour === 'drop' ? 1 : 0,
    };
    let res = Object.create(null);
    let meta = Object.create(null);
    let tmp;
    let skipping = false;
    let tbl = res;
    let m = meta;
    // BOM is allowed, skip.
    // JS is UTF-16, so we have to check for the UTF-16 BOM instead of the UTF-8 BOM sequence!
    if (toml.charCodeAt(0) === 0xfeff)
        ctx.p++;
    skipVoid(ctx);
    while (ctx.p < toml.length) {
        if (toml.charCodeAt(ctx.p) === 0x5b /* [ */) {
            let isTableArray = toml.charCodeAt(++ctx.p) === 0x5b; /* [ */
            tmp = ctx.p += +isTableArray;
            skipping = false;
            let k = parseKey(ctx, 0x5d /* ] */);
            if (isTableArray) {
                if (toml.charCodeAt(ctx.p) !== 0x5d /* ] */) {
                    TomlError.x('expected end of table array declaration', ctx);
                }
                ctx.p++;
            }
            let p = peekTable(ctx, k, res, meta, isTableArray ? 2 /* Type.ARRAY */ : 1 /* Type.EXPLICIT */);
            if (!p) {
                validateTablePeek(ctx, p, tmp);
                skipping = true;
            }
            else {
                m = p[2];
                tbl = p[1];
            }
        }
        else {
            tmp = ctx.p;
            let k = parseKey(ctx);
            let p = peekTable(ctx, k, tbl, m, 0 /* Type.DOTTED */);
            if (!p && !skipping)
                validateTablePeek(ctx, p, tmp);
            skipVoid(ctx, true, true);
            let v = extractValue(ctx, void 0);
            if (p && !skipping)
                p[1][p[0]] = v;
        }
        skipVoid(ctx, true);
        if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 0xa /* \n */ && (tmp !== 0xd /* \r */ || toml.charCodeAt(ctx.p + 1) !== 0xa /* \n */)) {
            TomlError.x('each key-value declaration must be followed by an end-of-line', ctx);
        }
        skipVoid(ctx);
    }
    return res;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/stringify.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let BARE_KEY = /^[a-z0-9-_]+$/i;
let HAS_WELLFORMED = !!(''.isWellFormed);
function extendedTypeOf(obj) {
    let type = typeof obj;
    if (type === 'object') {
        if (Array.isArray(obj))
            return 'array';
        if (typeof obj.getUTCDate === 'function' && obj instanceof Date)
            return 'date';
        if (globalThis.Temporal) {
            if (obj.until) {
                if (obj instanceof Temporal.ZonedDateTime)
                    return 'temporal/tz+uc';
                if (obj instanceof Temporal.PlainDateTime || obj instanceof Temporal.PlainDate)
                    return 'temporal/uc';
                if (obj instanceof Temporal.PlainTime || obj instanceof Temporal.Instant)
                    return 'temporal';
                if (obj instanceof Temporal.PlainYearMonth)
                    return 'temporal/x';
            }
            else if ((obj.toPlainDate && obj instanceof Temporal.PlainMonthDay) ||
                (obj.negated && obj instanceof Temporal.Duration)) {
                return 'temporal/x';
            }
        }
    }
    return type;
}
function isArrayOfTables(obj) {
    for (let i = 0; i < obj.length; i++) {
        if (extendedTypeOf(obj[i]) !== 'object')
            return false;
    }
    return obj.length != 0;
}
function formatWellFormedStringUnchecked(s) {
    return JSON.stringify(s).replaceAll('\x7f', '\\u007f');
}
function formatString(s) {
    return formatWellFormedStringUnchecked(HAS_WELLFORMED ? s.toWellFormed() : s);
}
function formatKey(s) {
    if (BARE_KEY.test(s))
        return s;
    if (HAS_WELLFORMED && !s.isWellFormed())
        throw new RangeError('key contains illegal lone surrogates');
    return formatWellFormedStringUnchecked(s);
}
function stringifyValue(val, type, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    switch (type) {
        // @ts-expect-error -- intentional fallthrough case
        case 'number':
            if (isNaN(val))
                return 'nan';
            if (val === Infinity)
                return 'inf';
            if (val === -Infinity)
                return '-inf';
            if (Number.isInteger(val) && (numberAsFloat || !Number.isSafeInteger(val)))
                return val.toFixed(1);
        case 'bigint':
        case 'boolean':
        case 'temporal':
            return val.toString();
        case 'string':
            return formatString(val);
        case 'date':
            if (isNaN(val.getTime()))
                throw new TypeError('cannot serialize invalid date');
            return val.toISOString();
        case 'object':
            return stringifyInlineTable(val, depth, numberAsFloat, strictTemporal);
        case 'array':
            return stringifyArray(val, depth, numberAsFloat, strictTemporal);
        // @ts-expect-error -- intentional fallthrough case
        case 'temporal/tz+uc':
            if (strictTemporal) {
                let tz = val.timeZoneId;
                let tzc = tz.charCodeAt(0);
                if (
                // Classic offset
                tzc !== 0x2b /* + */ && tzc !== 0x2d /* - */ &&
                    (
                    // Fast pre-check pass; see below for the actually accepted values
                    (tzc !== 0x55 /* U */ && tzc !== 0x47 /* G */ && tzc !== 0x5a /* Z */ && tzc !== 0x45 /* E */) ||
                        (
                        // UTC and its aliases; Temporal implementations don't all canonicalise unfortunately
                        tz !== 'UTC' && tz !== 'UCT' && tz !== 'Universal' && tz !== 'Zulu' &&
                            // GMT is a TZ but it's for all intents and purposes equivalent to UTC. Safe to downgrade.
                            !tz.startsWith('GMT') && tz !== 'Greenwich' &&
                            // Etc/* are all safe to downgrade to offset (either UTC, GMT, or offset)
                            !tz.startsWith('Etc/')))) {
                    throw new TypeError('Temporal objects with an IANA timezone are not allowed in Temporal strict mode');
                }
            }
        case 'temporal/uc':
            if (strictTemporal && val.calendarId !== 'iso8601')
                throw new TypeError('Temporal objects with a non-default calendar are not allowed in Temporal strict mode');
            return val.toString({
                calendarName: 'never',
                timeZoneName: 'never',
            });
        case 'temporal/x':
            throw new TypeError('Unsupported ' + val[Symbol.toStringTag]);
    }
}
function stringifyInlineTable(obj, depth, numberAsFloat, strictTemporal) {
    let keys = Object.keys(obj);
    if (keys.length === 0)
        return '{}';
    let res = '{ ';
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (i)
            res += ', ';
        res += formatKey(k) + ' = ' + stringifyValue(obj[k], extendedTypeOf(obj[k]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' }';
}
function stringifyArray(array, depth, numberAsFloat, strictTemporal) {
    if (array.length === 0)
        return '[]';
    let res = '[ ';
    for (let i = 0; i < array.length; i++) {
        if (i)
            res += ', ';
        if (array[i] === null || array[i] === void 0) {
            throw new TypeError('arrays cannot contain null or undefined values');
        }
        res += stringifyValue(array[i], extendedTypeOf(array[i]), depth - 1, numberAsFloat, strictTemporal);
    }
    return res + ' ]';
}
function stringifyArrayTable(array, key, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let res = '';
    for (let i = 0; i < array.length; i++) {
        res += `${res && '\n'}[[${key}]]\n`;
        res += stringifyTable(0, array[i], key, depth, numberAsFloat, strictTemporal);
    }
    return res;
}
function stringifyTable(tableKey, obj, prefix, depth, numberAsFloat, strictTemporal) {
    if (depth === 0) {
        throw new Error('Could not stringify the object: maximum object depth exceeded');
    }
    let preamble = '';
    let tables = '';
    let keys = Object.keys(obj);
    for (let i = 0; i < keys.length; i++) {
        let k = keys[i];
        if (obj[k] !== null && obj[k] !== void 0) {
            let type = extendedTypeOf(obj[k]);
            if (type === 'symbol' || type === 'function') {
                throw new TypeError(`cannot serialize values of type '${type}'`);
            }
            let key = formatKey(k);
            if (type === 'array' && isArrayOfTables(obj[k])) {
                tables += (tables && '\n') + stringifyArrayTable(obj[k], prefix ? `${prefix}.${key}` : key, depth - 1, numberAsFloat, strictTemporal);
            }
            else if (type === 'object') {
                let tblKey = prefix ? `${prefix}.${key}` : key;
                tables += (tables && '\n') + stringifyTable(tblKey, obj[k], tblKey, depth - 1, numberAsFloat, strictTemporal);
            }
            else {
                preamble += key;
                preamble += ' = ';
                preamble += stringifyValue(obj[k], type, depth, numberAsFloat, strictTemporal);
                preamble += '\n';
            }
        }
    }
    if (tableKey && (preamble || !tables)) // Create table only if necessary
        preamble = preamble ? `[${tableKey}]\n${preamble}` : `[${tableKey}]`;
    return preamble && tables
        ? `${preamble}\n${tables}`
        : preamble || tables;
}
function stringify(obj, { maxDepth = 1000, numbersAsFloat = false, strictTemporal = false } = {}) {
    if (extendedTypeOf(obj) !== 'object') {
        throw new TypeError('stringify can only be called with an object');
    }
    let str = stringifyTable(0, obj, '', maxDepth, numbersAsFloat, strictTemporal);
    if (str[str.length - 1] !== '\n')
        return str + '\n';
    return str;
}

;// CONCATENATED MODULE: ./node_modules/smol-toml/dist/index.js
/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */





/** @deprecated use `import * as ... from 'smol-toml'` instead */
/* harmony default export */ const dist = ({ parse: parse_parse, stringify: stringify, TomlDate: TomlDate, TomlError: TomlError });

;// CONCATENATED MODULE: ./src/packaging/pyproject.ts

/** What pip runs without a `[build-system] build-backend` (PEP 517's fallback). */
const LEGACY_BACKEND = 'setuptools.build_meta:__legacy__';
/** What pip installs to build a project that declares no `[build-system] requires` (PEP 518). */
const DEFAULT_BUILD_REQUIRES = ['setuptools>=40.8.0'];
/** The requirements a frontend installs before building, declared or by default. */
function effectiveBuildRequires(buildSystem) {
    return buildSystem?.requires ?? DEFAULT_BUILD_REQUIRES;
}
/** The backend a frontend runs for this `[build-system]` (or for none). */
function effectiveBackend(buildSystem) {
    return buildSystem?.buildBackend ?? LEGACY_BACKEND;
}
function parsePyproject(text) {
    let document;
    try {
        document = parse_parse(text);
    }
    catch (error) {
        return {
            ok: false,
            error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
        };
    }
    const system = document['build-system'];
    const buildSystem = isRecord(system)
        ? {
            ...stringField(system, 'build-backend', 'buildBackend'),
            backendPath: isStringList(system['backend-path']) ? system['backend-path'] : [],
            ...(isStringList(system.requires) && { requires: system.requires })
        }
        : undefined;
    const table = document.project;
    const versionFiles = versionFilesOf(document);
    const dependencyGroups = dependencyGroupsOf(document['dependency-groups']);
    if (!isRecord(table))
        return { ok: true, ...(buildSystem && { buildSystem }), versionFiles, dependencyGroups };
    return {
        ok: true,
        ...(buildSystem && { buildSystem }),
        versionFiles,
        dependencyGroups,
        project: {
            ...stringField(table, 'name', 'name'),
            ...stringField(table, 'version', 'version'),
            ...stringField(table, 'requires-python', 'requiresPython'),
            ...(isStringList(table.dependencies) && { dependencies: table.dependencies }),
            ...(isRecord(table['optional-dependencies']) && {
                optionalDependencies: Object.fromEntries(Object.entries(table['optional-dependencies']).filter(([, v]) => isStringList(v)))
            }),
            entryPoints: Object.keys(entryPointTargets(table)),
            entryPointTargets: entryPointTargets(table),
            dynamic: isStringList(table.dynamic) ? table.dynamic : []
        }
    };
}
/** Where a VCS-versioning plugin writes the version at build time (so the file is not in git). */
const VERSION_FILE_SETTINGS = [
    ['tool', 'setuptools_scm', 'write_to'],
    ['tool', 'setuptools_scm', 'version_file'],
    ['tool', 'hatch', 'build', 'hooks', 'vcs', 'version-file'],
    ['tool', 'hatch', 'build', 'targets', 'sdist', 'hooks', 'vcs', 'version-file'],
    ['tool', 'pdm', 'version', 'write_to'],
    ['tool', 'pdm', 'build', 'version', 'write_to']
];
function versionFilesOf(document) {
    return VERSION_FILE_SETTINGS.flatMap(keys => {
        let value = document;
        for (const key of keys)
            value = isRecord(value) ? value[key] : undefined;
        return typeof value === 'string' ? [value.replace(/^\.\//, '')] : [];
    });
}
function dependencyGroupsOf(table) {
    if (!isRecord(table))
        return {};
    const expand = (name, seen) => {
        const entries = table[name];
        if (!Array.isArray(entries) || seen.has(name))
            return [];
        seen.add(name);
        return entries.flatMap((entry) => typeof entry === 'string'
            ? [entry]
            : isRecord(entry) && typeof entry['include-group'] === 'string'
                ? expand(entry['include-group'], seen)
                : []);
    };
    return Object.fromEntries(Object.keys(table).map(name => [name, expand(name, new Set())]));
}
function entryPointTargets(table) {
    const groups = [
        ['console_scripts', table.scripts],
        ['gui_scripts', table['gui-scripts']],
        ...(isRecord(table['entry-points']) ? Object.entries(table['entry-points']) : [])
    ];
    return Object.fromEntries(groups.flatMap(([group, names]) => isRecord(names)
        ? Object.entries(names).map(([n, target]) => [`${group}: ${n}`, String(target)])
        : []));
}
function stringField(table, key, as) {
    const value = table[key];
    return typeof value === 'string' ? { [as]: value } : {};
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isStringList(value) {
    return Array.isArray(value) && value.every(v => typeof v === 'string');
}

;// CONCATENATED MODULE: ./src/packaging/entry-points.ts
/**
 * `entry_points.txt` (INI): each `group: name` declared with the object it loads, `module:attr [extras]`.
 * Hand-written: the format is a few lines of INI.
 */
function parseEntryPointTargets(text) {
    const targets = {};
    let group = '';
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#') || line.startsWith(';'))
            continue;
        const section = /^\[(.+)\]$/.exec(line);
        if (section)
            group = (section[1] ?? '').trim();
        else if (group && line.includes('=')) {
            const equals = line.indexOf('=');
            targets[`${group}: ${line.slice(0, equals).trim()}`] = line.slice(equals + 1).trim();
        }
    }
    return targets;
}
/** `wheel.cli : main` and `wheel.cli:main` load the same object. */
function normalTarget(target) {
    return target.replace(/\s+/g, '');
}

;// CONCATENATED MODULE: ./src/packaging/core-metadata.ts
function parseCoreMetadata(text) {
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    const fields = new Map();
    const malformed = [];
    let last;
    let index = 0;
    for (; index < lines.length; index++) {
        const line = lines[index] ?? '';
        if (line === '') {
            index++;
            break;
        }
        if (/^[ \t]/.test(line)) {
            if (last)
                last.values[last.values.length - 1] += '\n' + unfold(line);
            else
                malformed.push(line);
            continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0 || !/^[!-9;-~]+$/.test(line.slice(0, colon))) {
            malformed.push(line);
            last = undefined;
            continue;
        }
        const name = line.slice(0, colon).toLowerCase();
        const values = fields.get(name) ?? [];
        values.push(line.slice(colon + 1).trim());
        fields.set(name, values);
        last = { name, values };
    }
    const body = lines.slice(index).join('\n');
    const description = body.trim() !== '' ? body : (fields.get('description')?.[0] ?? '');
    return { fields, description, malformed };
}
/** setuptools indents continuation lines by eight spaces, or by seven and a `|` for Description. */
function unfold(line) {
    return line.replace(/^(?: {7}\||[ \t]{1,8})/, '');
}
/** The first value of a single-use field, trimmed; undefined when absent or empty. */
function field(metadata, name) {
    const value = metadata.fields.get(name.toLowerCase())?.[0]?.trim();
    return value === '' || value === undefined ? undefined : value;
}
/** Every value of a multiple-use field, empty values dropped. */
function fieldValues(metadata, name) {
    return (metadata.fields.get(name.toLowerCase()) ?? []).map(v => v.trim()).filter(v => v !== '');
}

;// CONCATENATED MODULE: ./src/packaging/marker-parse.ts
/** An operand's name or value. */
const marker_parse_text = (o) => ('variable' in o ? o.variable : o.literal);
/** packaging's `canonicalize_name`, which (unlike names.ts) does not trim. */
function canonicalize(name) {
    return name.replace(/[-_.]+/g, '-').toLowerCase();
}
// marker = marker_atom (BOOLOP marker_atom)*
function parseMarkerList(tokenizer) {
    const list = [parseAtom(tokenizer)];
    while (tokenizer.check('BOOLOP')) {
        const joiner = tokenizer.read().text;
        list.push(joiner, parseAtom(tokenizer));
    }
    return list;
}
// marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?
function parseAtom(tokenizer) {
    tokenizer.consume('WS');
    let atom;
    if (tokenizer.check('LEFT_PARENTHESIS', true)) {
        atom = tokenizer.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'marker expression', () => {
            tokenizer.consume('WS');
            const inner = parseMarkerList(tokenizer);
            tokenizer.consume('WS');
            return inner;
        });
    }
    else
        atom = parseItem(tokenizer);
    tokenizer.consume('WS');
    return atom;
}
// marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
function parseItem(tokenizer) {
    tokenizer.consume('WS');
    const left = parseOperand(tokenizer);
    tokenizer.consume('WS');
    const operator = parseOperator(tokenizer);
    tokenizer.consume('WS');
    const right = parseOperand(tokenizer);
    tokenizer.consume('WS');
    return { left, operator, right };
}
/**
 * PEP 685: an extra's name is compared normalised, so the marker keeps it normalised. packaging does
 * so for the items at the top of the marker only: inside parentheses `extra == "Test_Extra"` is kept,
 * and never holds, since the environment's extra is normalised. pip reads it so; so does this.
 */
function normalizeExtras(list) {
    return list.map(entry => typeof entry === 'object' && !Array.isArray(entry) ? normalizeExtra(entry) : entry);
}
function normalizeExtra(item) {
    const { left, right } = item;
    if ('variable' in left && left.variable === 'extra' && 'literal' in right)
        return { ...item, right: { literal: canonicalize(right.literal) } };
    if ('variable' in right && right.variable === 'extra' && 'literal' in left)
        return { ...item, left: { literal: canonicalize(left.literal) } };
    return item;
}
function parseOperand(tokenizer) {
    if (tokenizer.check('VARIABLE')) {
        const name = tokenizer.read().text.replace('.', '_');
        // pip's legacy spellings: `os.name`, `platform.machine`, `python_implementation`.
        return {
            variable: name === 'python_implementation' ? 'platform_python_implementation' : name
        };
    }
    if (tokenizer.check('QUOTED_STRING')) {
        const token = tokenizer.read();
        return { literal: pythonString(token.text, tokenizer, token.position) };
    }
    return tokenizer.fail('Expected a marker variable or quoted string');
}
function parseOperator(tokenizer) {
    if (tokenizer.check('IN'))
        return (tokenizer.read(), 'in');
    if (tokenizer.check('NOT')) {
        tokenizer.read();
        tokenizer.expect('WS', "whitespace after 'not'");
        tokenizer.expect('IN', "'in' after 'not'");
        return 'not in';
    }
    if (tokenizer.check('OP'))
        return tokenizer.read().text;
    return tokenizer.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}
const SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '\n': ''
};
/**
 * A quoted string as Python's `ast.literal_eval` reads it (packaging does): backslash escapes decoded,
 * unknown ones kept, and what Python refuses (a bare newline, `\x` without two hex digits, a null
 * character, `\N{…}`, whose names this does not carry) is a syntax error.
 */
function pythonString(quoted, tokenizer, at) {
    const body = quoted.slice(1, -1);
    const refuse = () => tokenizer.fail('Invalid string literal', at, at + quoted.length);
    if (/[\n\r\0]/.test(body.replace(/\\(?:\r\n|[\n\r])/g, '')))
        refuse();
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const char = body[i] ?? '';
        if (char !== '\\') {
            out += char;
            continue;
        }
        let next = body[i + 1];
        if (next === undefined)
            refuse();
        next = next ?? '';
        if (next === '\r') {
            i += body[i + 2] === '\n' ? 2 : 1;
            continue;
        }
        const simple = SIMPLE_ESCAPES[next];
        if (simple !== undefined) {
            out += simple;
            i++;
            continue;
        }
        const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1));
        const hex = { x: 2, u: 4, U: 8 }[next];
        if (octal) {
            out += String.fromCodePoint(parseInt(octal[0], 8));
            i += octal[0].length;
        }
        else if (hex !== undefined) {
            const digits = body.slice(i + 2, i + 2 + hex);
            const code = parseInt(digits, 16);
            if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex || code > 0x10ffff)
                refuse();
            out += String.fromCodePoint(code);
            i += 1 + hex;
        }
        else if (next === 'N')
            refuse();
        else
            out += char;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/packaging/pep508-tokenizer.ts
/**
 * The PEP 508 tokenizer, modelled on `packaging._tokenizer`: context-sensitive, the parser asks for the
 * token it expects next. Written here because no npm package parses PEP 508 the way pip does (see
 * requirements.ts). The patterns follow Python's `re` on `str`: `\b` and `\s` are Unicode-aware there,
 * so they are spelled out below rather than left to JavaScript's ASCII `\b`.
 */
/** Python's `\w` on `str`: letters, numbers, underscore. */
const WORD = String.raw `[\p{L}\p{N}_]`;
const EDGE = String.raw `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
/** Python's `\s` on `str` (it has U+001C–U+001F, JavaScript's has U+FEFF). */
const PY_SPACE = String.raw `[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;
const PRE = String.raw `(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = String.raw `(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
const DEV = String.raw `(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = String.raw `(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`;
const S = `${PY_SPACE}*`;
/** One version clause, as `packaging.specifiers.Specifier` accepts it (its parts are ASCII-only). */
const SPECIFIER_SOURCE = `(?:(?:===${S}[^\\s;)]*)` +
    `|(?:(?:==|!=)${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL}))` +
    `|(?:~=${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV})` +
    `|(?:(?:<=|>=|<|>)${S}v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*${PRE}${POST}${DEV}))`;
/** `===`'s arbitrary text stops at Python's whitespace, not JavaScript's. */
const specifierSource = SPECIFIER_SOURCE.replace('[^\\s;)]', `[^${PY_SPACE.slice(1, -1)};)]`);
const VARIABLES = [
    'python_version',
    'python_full_version',
    'os[._]name',
    'sys[._]platform',
    'platform_(?:release|system)',
    'platform[._](?:version|machine|python_implementation)',
    'python_implementation',
    'implementation_(?:name|version)',
    'extras?',
    'dependency_groups'
];
const RULES = {
    LEFT_PARENTHESIS: /\(/y,
    RIGHT_PARENTHESIS: /\)/y,
    LEFT_BRACKET: /\[/y,
    RIGHT_BRACKET: /\]/y,
    SEMICOLON: /;/y,
    COMMA: /,/y,
    QUOTED_STRING: /'[^']*'|"[^"]*"/y,
    OP: /===|==|~=|!=|<=|>=|<|>/y,
    BOOLOP: new RegExp(`${EDGE}(?:or|and)${EDGE}`, 'yu'),
    IN: new RegExp(`${EDGE}in${EDGE}`, 'yu'),
    NOT: new RegExp(`${EDGE}not${EDGE}`, 'yu'),
    VARIABLE: new RegExp(`${EDGE}(?:${VARIABLES.join('|')})${EDGE}`, 'yu'),
    // Case-insensitive as in packaging; without the `u` flag, `i` folds ASCII letters only, like `(?a:)`.
    SPECIFIER: new RegExp(specifierSource, 'yi'),
    AT: /@/y,
    URL: /[^ \t]+/y,
    IDENTIFIER: new RegExp(`${EDGE}[a-zA-Z0-9][a-zA-Z0-9._-]*${EDGE}`, 'yu'),
    VERSION_PREFIX_TRAIL: /\.\*/y,
    VERSION_LOCAL_LABEL_TRAIL: /\+[a-z0-9]+(?:[-_.][a-z0-9]+)*/y,
    WS: /[ \t]+/y,
    // Python's `$`: the end, or before a newline that ends the text.
    END: /(?=\n?$)/y
};
/** A PEP 508 syntax error, worded and placed as packaging's `ParserSyntaxError`. */
class Pep508SyntaxError extends Error {
    reason;
    source;
    span;
    constructor(reason, source, span) {
        const pointer = ' '.repeat(span[0]) + '~'.repeat(Math.max(0, span[1] - span[0])) + '^';
        super(`${reason}\n    ${source}\n    ${pointer}`);
        this.reason = reason;
        this.source = source;
        this.span = span;
    }
}
class Tokenizer {
    source;
    position = 0;
    next;
    constructor(source) {
        this.source = source;
    }
    /** Whether the next token is `name`; unless peeking, it must then be read. */
    check(name, peek = false) {
        const rule = RULES[name];
        rule.lastIndex = this.position;
        const match = rule.exec(this.source);
        if (!match)
            return false;
        if (!peek)
            this.next = { name, text: match[0], position: this.position };
        return true;
    }
    consume(name) {
        if (this.check(name))
            this.read();
    }
    expect(name, expected) {
        if (!this.check(name))
            this.fail(`Expected ${expected}`);
        return this.read();
    }
    read() {
        const token = this.next;
        if (!token)
            throw new Error('read() without a checked token');
        this.position += token.text.length;
        this.next = undefined;
        return token;
    }
    fail(reason, start = this.position, end = this.position) {
        throw new Pep508SyntaxError(reason, this.source, [start, end]);
    }
    /** Runs `inner` inside an optional pair of tokens: `(` … `)`, `[` … `]`. */
    enclosed(open, close, around, inner) {
        const opened = this.check(open) ? this.position : undefined;
        if (opened !== undefined)
            this.read();
        const result = inner();
        if (opened === undefined)
            return result;
        if (!this.check(close))
            this.fail(`Expected matching ${close} for ${open}, after ${around}`, opened);
        this.read();
        return result;
    }
}

;// CONCATENATED MODULE: ./src/packaging/version-set.ts
function releaseKey(epoch, release) {
    const key = [epoch, ...release];
    while (key.length && key[key.length - 1] === 0)
        key.pop();
    return key;
}
function compareKeys(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const difference = (a[i] ?? 0) - (b[i] ?? 0);
        if (difference !== 0)
            return Math.sign(difference);
    }
    return 0;
}
function compareCuts(a, b) {
    return compareKeys(a.key, b.key) || (a.side === b.side ? 0 : a.side === 'below' ? -1 : 1);
}
/** Compares an upper end, where undefined is past every cut. */
function compareUpper(a, b) {
    if (!a || !b)
        return a === b ? 0 : a ? -1 : 1;
    return compareCuts(a, b);
}
const below = (key) => ({ key, side: 'below' });
const above = (key) => ({ key, side: 'above' });
/** The lowest cut: every release (`0` included) is above it. */
const BOTTOM = below([]);
class VersionSet {
    intervals;
    constructor(intervals) {
        this.intervals = intervals;
    }
    static EMPTY = new VersionSet([]);
    static ALL = new VersionSet([{ lower: BOTTOM }]);
    /** The set of the given intervals, which may overlap, touch or be empty. */
    static of(intervals) {
        const sorted = intervals
            .filter(i => compareUpper(i.lower, i.upper) < 0)
            .sort((a, b) => compareCuts(a.lower, b.lower));
        const merged = [];
        for (const next of sorted) {
            const last = merged[merged.length - 1];
            if (last && compareUpper(next.lower, last.upper) <= 0) {
                if (compareUpper(next.upper, last.upper) > 0)
                    merged[merged.length - 1] = next.upper
                        ? { lower: last.lower, upper: next.upper }
                        : { lower: last.lower };
            }
            else
                merged.push(next);
        }
        return new VersionSet(merged);
    }
    static range(lower, upper) {
        return VersionSet.of([upper ? { lower, upper } : { lower }]);
    }
    static point(key) {
        return VersionSet.range(below(key), above(key));
    }
    get isEmpty() {
        return this.intervals.length === 0;
    }
    /** Whether the set has a highest release allowed (`<3`, `~=1.4`, `==2.0`): a cap. */
    get capped() {
        const last = this.intervals[this.intervals.length - 1];
        return last !== undefined && last.upper !== undefined;
    }
    has(key) {
        return this.intervals.some(({ lower, upper }) => compareCuts(lower, below(key)) <= 0 && (!upper || compareCuts(above(key), upper) <= 0));
    }
    complement() {
        const gaps = [];
        let from = BOTTOM;
        for (const { lower, upper } of this.intervals) {
            if (from)
                gaps.push({ lower: from, upper: lower });
            from = upper;
        }
        if (from)
            gaps.push({ lower: from });
        return VersionSet.of(gaps);
    }
    union(other) {
        return VersionSet.of([...this.intervals, ...other.intervals]);
    }
    intersection(other) {
        return this.complement().union(other.complement()).complement();
    }
    difference(other) {
        return this.intersection(other.complement());
    }
    isSubsetOf(other) {
        return this.difference(other).isEmpty;
    }
    /** Every release `this` has and `narrower` lacks lies below all of `narrower`: only the floor rose. */
    losesOnlyBelow(narrower) {
        const first = narrower.intervals[0];
        if (!first || !narrower.isSubsetOf(this))
            return false;
        return this.difference(narrower).isSubsetOf(VersionSet.range(BOTTOM, first.lower));
    }
    equals(other) {
        return (this.intervals.length === other.intervals.length &&
            this.intervals.every((interval, index) => {
                const theirs = other.intervals[index];
                return (theirs !== undefined &&
                    compareCuts(interval.lower, theirs.lower) === 0 &&
                    compareUpper(interval.upper, theirs.upper) === 0);
            }));
    }
}

;// CONCATENATED MODULE: ./src/packaging/specifiers.ts


/** Python's `str.isspace()` characters, which `\s` and `str.strip()` use on text. */
const specifiers_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP = new RegExp(`^[${specifiers_SPACE}]+|[${specifiers_SPACE}]+$`, 'g');
const strip = (text) => text.replace(STRIP, '');
// packaging's Specifier._specifier_regex_str, branch by branch (case-insensitive, ASCII).
const RELEASE = 'v?(?:\\d+!)?\\d+(?:\\.\\d+)*';
const specifiers_PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?\\d*)?';
const specifiers_POST = '(?:-\\d+|[-_.]?(?:post|rev|r)[-_.]?\\d*)?';
const specifiers_DEV = '(?:[-_.]?dev[-_.]?\\d*)?';
const specifiers_LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const WS = `[${specifiers_SPACE}]*`;
const CLAUSE = new RegExp(`^${WS}(?:` +
    `===${WS}[^${specifiers_SPACE};)]*` +
    `|(?:==|!=)${WS}${RELEASE}(?:\\.\\*|${specifiers_PRE}${specifiers_POST}${specifiers_DEV}${specifiers_LOCAL})` +
    `|~=${WS}v?(?:\\d+!)?\\d+(?:\\.\\d+)+${specifiers_PRE}${specifiers_POST}${specifiers_DEV}` +
    `|(?:<=|>=|<|>)${WS}${RELEASE}${specifiers_PRE}${specifiers_POST}${specifiers_DEV}` +
    `)${WS}$`, 'i');
/**
 * A PEP 440 specifier set, modelled on `packaging.specifiers.SpecifierSet` (packaging 26): membership
 * (`contains`, `filter`) answers exactly as packaging does for every version. For comparing sets, what
 * it allows of final releases is also kept as a VersionSet, so that comparisons are exact set operations.
 */
class SpecifierSet {
    clauses;
    allowed;
    constructor(clauses, 
    /** The final releases the set allows. */
    allowed) {
        this.clauses = clauses;
        this.allowed = allowed;
    }
    static ANY = new SpecifierSet([], VersionSet.ALL);
    /** Parses `>=1.0, <2`; undefined where packaging raises InvalidSpecifier. '' allows everything. */
    static parse(text) {
        const clauses = [];
        let allowed = VersionSet.ALL;
        for (const raw of text.split(',')) {
            if (strip(raw) === '')
                continue;
            const clause = parseClause(raw);
            if (!clause)
                return undefined;
            clauses.push(clause);
            allowed = allowed.intersection(clause.allowed);
        }
        return new SpecifierSet(canonicalOrder(clauses), allowed);
    }
    get specifiers() {
        return this.clauses.map(c => c.specifier);
    }
    /** `str(SpecifierSet)`: clauses as written, sorted, each spelling of one clause once: `<3,>=2.31`. */
    toString() {
        return this.clauses.map(c => c.text).join(',');
    }
    get isAny() {
        return this.clauses.length === 0;
    }
    /**
     * `SpecifierSet.contains`: every clause matches. A pre-release matches unless `prereleases` is false
     * (packaging 26; 23 refused them by default unless a clause named one). `===` compares the text given.
     */
    contains(version, options = {}) {
        const item = String(version);
        const parsed = typeof version === 'string' ? Version.parse(version) : version;
        if (options.prereleases === false && parsed?.isPrerelease)
            return false;
        return this.clauses.every(c => c.matches(item, parsed));
    }
    /**
     * `SpecifierSet.filter`: the versions the set contains; by default pre-releases only when no final
     * release matches, or when a clause names a pre-release.
     */
    filter(versions, options = {}) {
        const prereleases = options.prereleases ?? (this.clauses.some(c => c.optsInPrereleases) ? true : undefined);
        const matching = versions.filter(v => this.contains(v, { prereleases: prereleases ?? true }));
        if (prereleases !== undefined)
            return matching;
        const parsed = (v) => typeof v === 'string' ? Version.parse(v) : v;
        return matching.some(v => parsed(v)?.isPrerelease === false)
            ? matching.filter(v => !parsed(v)?.isPrerelease)
            : matching;
    }
    intersection(other) {
        return this.allowed.intersection(other.allowed);
    }
    union(other) {
        return this.allowed.union(other.allowed);
    }
    difference(other) {
        return this.allowed.difference(other.allowed);
    }
    isSubsetOf(other) {
        return this.allowed.isSubsetOf(other.allowed);
    }
    /** Same final releases allowed, however spelled (`>=1.2` and `>=1.2.0`, reordered clauses). */
    equals(other) {
        return this.allowed.equals(other.allowed);
    }
    /** `after` only raises the minimum: `packaging` → `packaging>=20`, `>=1,<3` → `>=2,<3`. */
    raisesFloorOnly(after) {
        return this.allowed.losesOnlyBelow(after.allowed);
    }
    /** How the allowed releases moved from `this` to `after`. */
    compare(after) {
        const lost = !this.allowed.isSubsetOf(after.allowed);
        const gained = !after.allowed.isSubsetOf(this.allowed);
        if (lost && gained)
            return 'shifted';
        return lost ? 'narrowed' : gained ? 'widened' : 'unchanged';
    }
}
/** Sorted by text; of clauses equal in canonical form, the first in that order stays (packaging 26). */
function canonicalOrder(clauses) {
    const sorted = [...clauses].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const seen = new Set();
    return sorted.filter(c => !seen.has(c.canonical) && seen.add(c.canonical));
}
/** One clause, or undefined where packaging's `Specifier()` raises InvalidSpecifier. */
function parseSpecifier(text) {
    return parseClause(text)?.specifier;
}
function parseClause(raw) {
    if (!CLAUSE.test(raw))
        return undefined;
    const spec = strip(raw);
    const length = spec.startsWith('===') ? 3 : /^(?:~=|==|!=|<=|>=)/.test(spec) ? 2 : 1;
    const operator = spec.slice(0, length);
    const written = strip(spec.slice(length));
    const text = `${operator}${written}`;
    if (operator === '===')
        return arbitraryClause(written, text);
    const wildcard = written.endsWith('.*');
    const version = Version.parse(wildcard ? written.slice(0, -2) : written);
    if (!version)
        return undefined;
    const specifier = {
        operator,
        version: wildcard ? written.slice(0, -2) : written,
        wildcard
    };
    if (wildcard) {
        const prefix = wildcardPrefix(written.slice(0, -2));
        const equal = (v) => v !== undefined && prefixMatches(prefix, v);
        const inPrefix = prefixSet(version);
        return {
            specifier,
            text,
            canonical: text,
            optsInPrereleases: false,
            allowed: operator === '==' ? inPrefix : inPrefix.complement(),
            matches: (_item, v) => v !== undefined && (operator === '==' ? equal(v) : !equal(v))
        };
    }
    const compare = COMPARISONS[operator](version, written);
    return {
        specifier,
        text,
        version,
        canonical: `${operator}${operator === '~=' ? version.text : version.canonical}`,
        optsInPrereleases: operator !== '!=' && version.isPrerelease,
        allowed: finalReleases(operator, version, written),
        matches: (_item, v) => v !== undefined && compare(v)
    };
}
/** `===`: case-insensitive equality of text, the version's or the one given (packaging keeps it raw). */
function arbitraryClause(written, text) {
    const version = Version.parse(written);
    return {
        specifier: { operator: '===', version: written, wildcard: false },
        text,
        ...(version && { version }),
        canonical: text,
        optsInPrereleases: version?.isPrerelease ?? false,
        // Over release keys, where `1.0` and `1.0.0` are one point, the closest set is that point.
        allowed: version?.isFinal ? VersionSet.point(keyOf(version)) : VersionSet.EMPTY,
        matches: item => item.toLowerCase() === written.toLowerCase()
    };
}
/** packaging's `Specifier._compare_*`, one per operator. */
const COMPARISONS = {
    '==': spec => candidate => equalTo(spec, candidate),
    '!=': spec => candidate => !equalTo(spec, candidate),
    '<=': spec => candidate => candidate.publicVersion.compare(spec) <= 0,
    '>=': spec => candidate => candidate.publicVersion.compare(spec) >= 0,
    // `<V` excludes V's own pre-releases unless V is one.
    '<': spec => {
        const earliest = spec.with({ dev: 0n, local: undefined });
        return candidate => candidate.compare(spec) < 0 &&
            !(!spec.isPrerelease && candidate.isPrerelease && candidate.compare(earliest) >= 0);
    },
    // `>V` excludes V's post-releases unless V is one, and V's local versions.
    '>': spec => candidate => candidate.compare(spec) > 0 &&
        !(!spec.isPostrelease &&
            candidate.isPostrelease &&
            candidate.with({ post: undefined, dev: undefined, local: undefined }).equals(spec)) &&
        !(candidate.local !== undefined && candidate.publicVersion.equals(spec)),
    // `~=2.2.1` is `>=2.2.1, ==2.2.*`, the prefix cut from the version as written.
    '~=': (spec, written) => {
        const prefix = wildcardPrefix(compatiblePrefix(written));
        return candidate => candidate.publicVersion.compare(spec) >= 0 && prefixMatches(prefix, candidate);
    }
};
/** A clause without a local label ignores the candidate's. */
function equalTo(spec, candidate) {
    return (spec.local === undefined ? candidate.publicVersion : candidate).equals(spec);
}
// Prefix matching works on text, as packaging does: `_version_split`, then pad and compare parts.
const PRE_IN_PART = /^(\d+)((?:a|b|c|rc)\d+)$/;
function splitVersion(version) {
    const bang = version.lastIndexOf('!');
    const parts = [bang < 0 ? '0' : version.slice(0, bang) || '0'];
    for (const item of version.slice(bang + 1).split('.')) {
        const match = PRE_IN_PART.exec(item);
        if (match)
            for (const part of match.slice(1))
                parts.push(part);
        else
            parts.push(item);
    }
    return parts;
}
const isDigits = (part) => /^\d+$/.test(part);
const numericLength = (parts) => {
    const index = parts.findIndex(p => !isDigits(p));
    return index < 0 ? parts.length : index;
};
/** `~=`'s prefix: the release as written, less its last part, as `epoch!release`. */
function compatiblePrefix(written) {
    const parts = splitVersion(written);
    const end = parts.findIndex(p => ['dev', 'a', 'b', 'rc', 'post'].some(s => p.startsWith(s)));
    const [epoch, ...release] = (end < 0 ? parts : parts.slice(0, end)).slice(0, -1);
    return `${epoch}!${release.join('.')}`;
}
function wildcardPrefix(version) {
    const parts = splitVersion(Version.parse(version)?.text ?? version);
    return { parts, numeric: numericLength(parts) };
}
/** The candidate's public version, padded with zeros to the prefix's length, starts with the prefix. */
function prefixMatches(prefix, candidate) {
    const parts = splitVersion(candidate.public);
    const numeric = numericLength(parts);
    const padding = Math.max(0, prefix.numeric - numeric);
    const padded = [
        ...parts.slice(0, numeric),
        ...Array(padding).fill('0'),
        ...parts.slice(numeric)
    ];
    return prefix.parts.every((part, index) => padded[index] === part);
}
function keyOf(version) {
    return releaseKey(version.epoch, version.release);
}
/** `==1.2.*`: every release from 1.2 up to, not including, 1.3. */
function prefixSet(version) {
    const { release } = version;
    const next = [...release.slice(0, -1), (release[release.length - 1] ?? 0) + 1];
    return VersionSet.range(below(keyOf(version)), below(releaseKey(version.epoch, next)));
}
/** Where a version sorts among final releases: a pre- or dev-release just below its release. */
function cutsAround(version) {
    const key = keyOf(version);
    if (version.isFinal)
        return { low: below(key), high: above(key) };
    const belowRelease = version.pre !== undefined || (version.post === undefined && version.dev !== undefined);
    const cut = belowRelease ? below(key) : above(key);
    return { low: cut, high: cut };
}
/** The final releases an ordered, equality or compatible clause allows. */
function finalReleases(operator, version, written) {
    const { low, high } = cutsAround(version);
    switch (operator) {
        case '>=':
            return VersionSet.range(low);
        case '>':
            return VersionSet.range(high);
        case '<=':
            return VersionSet.range(below([]), high);
        case '<':
            return VersionSet.range(below([]), low);
        case '==':
        case '!=': {
            const point = version.isFinal ? VersionSet.point(keyOf(version)) : VersionSet.EMPTY;
            return operator === '==' ? point : point.complement();
        }
        case '~=': {
            const prefix = Version.parse(compatiblePrefix(written));
            return prefix ? prefixSet(prefix).intersection(VersionSet.range(low)) : VersionSet.EMPTY;
        }
    }
}

;// CONCATENATED MODULE: ./src/packaging/marker-evaluate.ts




/** A marker evaluated in an environment as `packaging.markers` evaluates it. */
/** The marker names `packaging.markers.default_environment` sets; `extra` too, in metadata. */
const ENVIRONMENT_NAMES = new Set([
    'implementation_name',
    'implementation_version',
    'os_name',
    'platform_machine',
    'platform_release',
    'platform_system',
    'platform_version',
    'python_full_version',
    'platform_python_implementation',
    'python_version',
    'sys_platform',
    'extra'
]);
const VERSION_NAMES = new Set([
    'implementation_version',
    'platform_release',
    'python_full_version',
    'python_version'
]);
const SPECIFIER = new RegExp(`^${PY_SPACE}*${SPECIFIER_SOURCE}${PY_SPACE}*$`, 'i');
/** Evaluating a marker failed as it does in packaging (`UndefinedComparison`, an unknown name). */
class MarkerEvaluationError extends Error {
}
function evaluateList(list, environment) {
    // Every item is evaluated, as packaging does, so that an error anywhere is an error.
    const groups = [[]];
    for (const entry of list) {
        if (entry === 'or')
            groups.push([]);
        else if (entry !== 'and')
            groups[groups.length - 1]?.push(Array.isArray(entry) ? evaluateList(entry, environment) : evaluateItem(entry, environment));
    }
    return groups.some(group => group.every(Boolean));
}
function lookup(environment, name) {
    const value = environment[name];
    if (value !== undefined)
        return value;
    if (ENVIRONMENT_NAMES.has(name))
        return '';
    throw new MarkerEvaluationError(`"${name}" is not in the environment`);
}
function evaluateItem(item, environment) {
    const [name, left, right] = 'variable' in item.left
        ? [item.left.variable, lookup(environment, item.left.variable), marker_parse_text(item.right)]
        : [marker_parse_text(item.right), item.left.literal, lookup(environment, marker_parse_text(item.right))];
    return compare(left, item.operator, right, name);
}
/** packaging's `_eval_op`: version names compare as versions when the right side makes a specifier. */
function compare(left, operator, right, name) {
    const clause = `${operator}${right}`;
    if (VERSION_NAMES.has(name) && SPECIFIER.test(clause))
        return specifierContains(clause, left);
    switch (operator) {
        case 'in':
            return right.includes(left);
        case 'not in':
            return !right.includes(left);
        case '==':
        case '<=':
        case '>=':
            return left === right;
        case '!=':
            return left !== right;
        case '<':
        case '>':
            return false;
        default:
            throw new MarkerEvaluationError(`Undefined ${operator} on "${left}" and "${right}"`);
    }
}
/**
 * Whether a clause holds for a version, memoised: a marker is evaluated in every environment, and the
 * environments share a few Python versions.
 */
function specifierContains(clause, version) {
    const key = `${clause}\0${version}`;
    let answer = memo.get(key);
    if (answer === undefined) {
        if (memo.size >= MAX_CACHED)
            memo.clear();
        answer = containsUncached(clause, version);
        memo.set(key, answer);
    }
    return answer;
}
const memo = new Map();
const MAX_CACHED = 50_000;
function containsUncached(clause, version) {
    const arbitrary = /^\s*===\s*(.*?)\s*$/s.exec(clause);
    if (arbitrary)
        return version.toLowerCase() === (arbitrary[1] ?? '').toLowerCase();
    if (!Version.parse(version))
        return false;
    return SpecifierSet.parse(clause)?.contains(version) ?? false;
}

;// CONCATENATED MODULE: ./src/packaging/markers.ts



/**
 * A PEP 508 environment marker, modelled on `packaging.markers.Marker`: its text is packaging's
 * `str(Marker)` (double quotes, the parentheses as written, extras normalised), and it evaluates as
 * packaging does in the metadata context.
 */
class Marker {
    markers;
    constructor(markers) {
        this.markers = markers;
    }
    /** Parses a marker expression; throws `Pep508SyntaxError` as packaging raises `InvalidMarker`. */
    static parse(text) {
        const tokenizer = new Tokenizer(text);
        const markers = parseMarkerList(tokenizer);
        tokenizer.expect('END', 'end of marker expression');
        return new Marker(normalizeExtras(markers));
    }
    /** The marker after a requirement's `;`, read by the requirement parser. */
    static read(tokenizer) {
        return new Marker(normalizeExtras(parseMarkerList(tokenizer)));
    }
    toString() {
        return markers_format(this.markers, true);
    }
    /** The marker without the parentheses its meaning does not need: equal keys, the same marker. */
    get key() {
        return canonical(this.markers);
    }
    equals(other) {
        return other !== undefined && this.key === other.key;
    }
    /** The extras the marker names (`extra == "dev"`), normalised. */
    get extras() {
        const found = new Set();
        const visit = (list) => {
            for (const entry of list) {
                if (Array.isArray(entry))
                    visit(entry);
                else if (typeof entry === 'object') {
                    const literal = extraLiteral(entry);
                    if (literal !== undefined)
                        found.add(literal);
                }
            }
        };
        visit(this.markers);
        return [...found].sort();
    }
    /** packaging's `Marker.evaluate`; throws `MarkerEvaluationError` where it raises. */
    evaluateStrictly(environment) {
        const extra = environment['extra'] ?? '';
        const full = environment['python_full_version'];
        const repair = canonicalize(extra) !== extra || full?.endsWith('+');
        const repaired = repair
            ? {
                ...environment,
                extra: canonicalize(extra),
                ...(full?.endsWith('+') && { python_full_version: `${full}local` })
            }
            : environment;
        return evaluateList(this.markers, repaired);
    }
    /**
     * Whether the marker holds; a comparison packaging cannot make does not hold. Memoised by the values
     * of the names the marker reads: the judge asks it of every environment, which differ elsewhere.
     */
    evaluate(environment) {
        const key = this.names.map(name => environment[name] ?? '').join('\0');
        let answer = this.answers.get(key);
        if (answer === undefined) {
            if (this.answers.size >= MAX_CACHED)
                this.answers.clear();
            answer = this.evaluateOnce(environment);
            this.answers.set(key, answer);
        }
        return answer;
    }
    answers = new Map();
    /** The environment names evaluation reads, as packaging picks them (see `evaluateItem`). */
    get names() {
        if (this.readNames)
            return this.readNames;
        const names = new Set();
        const visit = (list) => {
            for (const entry of list)
                if (Array.isArray(entry))
                    visit(entry);
                else if (typeof entry === 'object')
                    names.add('variable' in entry.left ? entry.left.variable : marker_parse_text(entry.right));
        };
        visit(this.markers);
        return (this.readNames = [...names].sort());
    }
    readNames;
    evaluateOnce(environment) {
        try {
            return this.evaluateStrictly(environment);
        }
        catch (error) {
            if (error instanceof MarkerEvaluationError)
                return false;
            throw error;
        }
    }
    /** The environments in which the marker holds. */
    holdsIn(environments) {
        return environments.filter(environment => this.evaluate(environment));
    }
}

function extraLiteral(item) {
    if ('variable' in item.left && item.left.variable === 'extra' && 'literal' in item.right)
        return item.right.literal;
    if ('variable' in item.right && item.right.variable === 'extra' && 'literal' in item.left)
        return item.left.literal;
    return undefined;
}
function markers_format(list, top) {
    if (!Array.isArray(list)) {
        const side = (o) => ('variable' in o ? o.variable : `"${o.literal}"`);
        return `${side(list.left)} ${list.operator} ${side(list.right)}`;
    }
    const [only] = list;
    if (list.length === 1 && typeof only === 'object')
        return markers_format(only, true);
    const inner = list.map(entry => (typeof entry === 'string' ? entry : markers_format(entry, false)));
    return top ? inner.join(' ') : `(${inner.join(' ')})`;
}
function canonical(list) {
    const groups = [[]];
    for (const entry of list) {
        if (entry === 'or')
            groups.push([]);
        else if (entry !== 'and')
            groups[groups.length - 1]?.push(entry);
    }
    const atom = (entry, alone) => {
        if (!Array.isArray(entry))
            return markers_format(entry, true);
        const [only] = entry;
        if (entry.length === 1 && typeof only === 'object')
            return atom(only, alone);
        const text = canonical(entry);
        return alone || !entry.includes('or') ? text : `(${text})`;
    };
    return groups.map(group => group.map(e => atom(e, group.length === 1)).join(' and ')).join(' or ');
}

;// CONCATENATED MODULE: ./src/packaging/requirements.ts




/**
 * Parsed requirements by their text: the same lines recur in PKG-INFO, requires.txt and pyproject.toml
 * of both releases. Results are immutable, so they are shared.
 */
const parsedRequirements = new Map();
const requirements_MAX_CACHED = 10_000;
/**
 * Parses one PEP 508 requirement as `packaging.requirements.Requirement` does (its grammar and its
 * errors); never throws. Written here: the npm parsers read requirements.txt lines, not PEP 508.
 */
function parseRequirement(text) {
    let result = parsedRequirements.get(text);
    if (result === undefined) {
        result = parseUncached(text);
        if (parsedRequirements.size >= requirements_MAX_CACHED)
            parsedRequirements.clear();
        parsedRequirements.set(text, result);
    }
    return result;
}
function parseUncached(text) {
    let parsed;
    try {
        parsed = parseTokens(new Tokenizer(text));
    }
    catch (error) {
        if (error instanceof Pep508SyntaxError)
            return { ok: false, text, error: error.message };
        throw error;
    }
    const specifier = SpecifierSet.parse(parsed.clauses.join(','));
    if (!specifier)
        return { ok: false, text, error: `invalid version specifier "${parsed.clauses.join(',')}"` };
    const declaredExtras = [...new Set(parsed.extras)].sort();
    return {
        ok: true,
        requirement: {
            text: text.trim(),
            name: parsed.name,
            key: normalizeName(parsed.name),
            extras: [...new Set(parsed.extras.map(normalizeName))].sort(),
            declaredExtras,
            specifier,
            specifierText: specifierText(parsed.clauses),
            ...(parsed.url !== undefined && { url: parsed.url }),
            ...(parsed.marker && { marker: parsed.marker })
        }
    };
}
// requirement = WS? IDENTIFIER WS? extras WS? requirement_details END
function parseTokens(tokenizer) {
    tokenizer.consume('WS');
    const name = tokenizer.expect('IDENTIFIER', 'package name at the start of dependency specifier').text;
    tokenizer.consume('WS');
    const extras = parseExtras(tokenizer);
    tokenizer.consume('WS');
    const details = parseDetails(tokenizer);
    tokenizer.expect('END', 'end of dependency specifier');
    return { name, extras, ...details };
}
// requirement_details = AT URL (WS requirement_marker?)? | specifier WS? requirement_marker?
function parseDetails(tokenizer) {
    if (tokenizer.check('AT')) {
        tokenizer.read();
        tokenizer.consume('WS');
        const urlStart = tokenizer.position;
        const url = tokenizer.expect('URL', 'URL after @').text;
        if (tokenizer.check('END', true))
            return { clauses: [], url };
        // A `;` straight after the URL is part of it: the marker needs whitespace before it.
        tokenizer.expect('WS', 'whitespace after URL');
        if (tokenizer.check('END', true))
            return { clauses: [], url };
        const marker = parseMarkerPart(tokenizer, urlStart, 'semicolon (after URL and whitespace)');
        return { clauses: [], url, marker };
    }
    const start = tokenizer.position;
    const clauses = requirements_parseSpecifier(tokenizer);
    tokenizer.consume('WS');
    if (tokenizer.check('END', true))
        return { clauses };
    const expected = clauses.length
        ? 'comma (within version specifier), semicolon (after version specifier)'
        : 'semicolon (after name with no version specifier)';
    return { clauses, marker: parseMarkerPart(tokenizer, start, expected) };
}
// requirement_marker = SEMICOLON marker WS?
function parseMarkerPart(tokenizer, start, expected) {
    if (!tokenizer.check('SEMICOLON'))
        tokenizer.fail(`Expected ${expected} or end`, start);
    tokenizer.read();
    const marker = Marker.read(tokenizer);
    tokenizer.consume('WS');
    return marker;
}
// extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)?
function parseExtras(tokenizer) {
    if (!tokenizer.check('LEFT_BRACKET', true))
        return [];
    return tokenizer.enclosed('LEFT_BRACKET', 'RIGHT_BRACKET', 'extras', () => {
        tokenizer.consume('WS');
        const extras = parseExtrasList(tokenizer);
        tokenizer.consume('WS');
        return extras;
    });
}
// extras_list = IDENTIFIER (WS? COMMA WS? IDENTIFIER)*
function parseExtrasList(tokenizer) {
    if (!tokenizer.check('IDENTIFIER'))
        return [];
    const extras = [tokenizer.read().text];
    for (;;) {
        tokenizer.consume('WS');
        if (tokenizer.check('IDENTIFIER', true))
            tokenizer.fail('Expected comma between extra names');
        if (!tokenizer.check('COMMA'))
            break;
        tokenizer.read();
        tokenizer.consume('WS');
        extras.push(tokenizer.expect('IDENTIFIER', 'extra name after comma').text);
    }
    return extras;
}
// specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS | WS? version_many WS?
function requirements_parseSpecifier(tokenizer) {
    return tokenizer.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'version specifier', () => {
        tokenizer.consume('WS');
        const clauses = parseVersionMany(tokenizer);
        tokenizer.consume('WS');
        return clauses;
    });
}
// version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
function parseVersionMany(tokenizer) {
    const clauses = [];
    while (tokenizer.check('SPECIFIER')) {
        const start = tokenizer.position;
        clauses.push(tokenizer.read().text);
        if (tokenizer.check('VERSION_PREFIX_TRAIL', true))
            tokenizer.fail('.* suffix can only be used with `==` or `!=` operators', start, tokenizer.position + 1);
        if (tokenizer.check('VERSION_LOCAL_LABEL_TRAIL', true))
            tokenizer.fail('Local version label can only be used with `==` or `!=` operators', start, tokenizer.position);
        tokenizer.consume('WS');
        if (!tokenizer.check('COMMA'))
            break;
        tokenizer.read();
        tokenizer.consume('WS');
    }
    return clauses;
}
const requirements_CLAUSE = new RegExp(`^${PY_SPACE}*(===|~=|==|!=|<=|>=|<|>)${PY_SPACE}*(.*?)${PY_SPACE}*$`, 's');
/** `>= 1.0` → `>=1.0`: the operator, then the version stripped, as packaging prints a clause. */
function clauseText(clause) {
    const [, operator = '', version = ''] = requirements_CLAUSE.exec(clause) ?? [];
    return `${operator}${version}`;
}
/** packaging's `str(SpecifierSet)`: clauses sorted; of clauses that mean the same, the first kept. */
function specifierText(clauses) {
    const seen = new Set();
    const kept = [];
    // SpecifierSet splits on commas, which `===`'s arbitrary text may hold (`===1.0,,>=2`).
    const split = clauses.flatMap(clause => clause.split(',')).filter(c => c.trim() !== '');
    for (const clause of split.map(clauseText).sort()) {
        const meaning = clause.startsWith('===')
            ? clause
            : (SpecifierSet.parse(clause)?.toString() ?? clause);
        if (seen.has(meaning))
            continue;
        seen.add(meaning);
        kept.push(clause);
    }
    return kept.join(',');
}
/** packaging's `str(Requirement)`: `name[extras]specifier`, ` @ url`, `; marker`. */
function requirementString(requirement) {
    const { name, declaredExtras, specifierText, url, marker } = requirement;
    const extras = declaredExtras.length ? `[${declaredExtras.join(',')}]` : '';
    const at = url !== undefined ? ` @ ${url}${marker ? ' ' : ''}` : '';
    return `${name}${extras}${specifierText}${at}${marker ? `; ${marker}` : ''}`;
}
/** The requirement in canonical form, for display: `name[extras] specifier ; marker` or `name @ url`. */
function formatRequirement(requirement) {
    const extras = requirement.extras.length ? `[${requirement.extras.join(',')}]` : '';
    const version = requirement.url ? ` @ ${requirement.url}` : requirement.specifier.toString();
    const marker = requirement.marker ? `; ${requirement.marker}` : '';
    return `${requirement.key}${extras}${version}${marker}`;
}
/** The same requirement however spelled: name, extras, URL and marker alike, and the same versions allowed. */
function sameRequirement(a, b) {
    return (a.key === b.key &&
        a.extras.join() === b.extras.join() &&
        a.url === b.url &&
        (a.marker?.key ?? '') === (b.marker?.key ?? '') &&
        a.specifier.equals(b.specifier));
}
/** Whether two lists declare the same requirements, in any order. */
function sameRequirements(a, b) {
    if (a.length !== b.length)
        return false;
    const unmatched = [...b];
    return a.every(requirement => {
        const index = unmatched.findIndex(other => sameRequirement(requirement, other));
        return index >= 0 && unmatched.splice(index, 1).length === 1;
    });
}

;// CONCATENATED MODULE: ./src/packaging/metadata.ts




/** Home-page and Download-URL are links as Project-URL labels them (PEP 753: `homepage`, `download`). */
function linksOf(core) {
    const single = (name, label) => {
        const url = field(core, name)?.trim();
        return url ? [{ label, url }] : [];
    };
    const projectUrls = fieldValues(core, 'Project-URL').flatMap(value => {
        const comma = value.indexOf(',');
        const url = value.slice(comma + 1).trim();
        return comma > 0 && url ? [{ label: value.slice(0, comma).trim(), url }] : [];
    });
    return [
        ...single('Home-page', 'Home-page'),
        ...single('Download-URL', 'Download-URL'),
        ...projectUrls
    ];
}
/** Reads PKG-INFO or METADATA text; never throws: what cannot be read is listed in `problems`. */
function readMetadata(text, where = 'PKG-INFO') {
    const core = parseCoreMetadata(text);
    const problems = core.malformed.map(line => ({
        where,
        text: line,
        error: 'not a "Name: value" header line'
    }));
    const requiresDist = parseRequirements(fieldValues(core, 'Requires-Dist'), `${where} Requires-Dist`, problems);
    const requiresPython = readRequiresPython(field(core, 'Requires-Python'), where, problems);
    return {
        ...optional('metadataVersion', field(core, 'Metadata-Version')),
        ...optional('name', field(core, 'Name')),
        ...optional('version', field(core, 'Version')),
        ...(requiresPython && { requiresPython }),
        requiresDist,
        providesExtra: [...new Set(fieldValues(core, 'Provides-Extra').map(normalizeName))].sort(),
        classifiers: [...new Set(fieldValues(core, 'Classifier'))].sort(),
        ...optional('license', field(core, 'License')),
        ...optional('licenseExpression', field(core, 'License-Expression')),
        dynamic: fieldValues(core, 'Dynamic').map(name => name.toLowerCase()),
        licenseFiles: fieldValues(core, 'License-File'),
        importNames: [...new Set(fieldValues(core, 'Import-Name'))].sort(),
        importNamespaces: [...new Set(fieldValues(core, 'Import-Namespace'))].sort(),
        links: linksOf(core),
        fieldNames: [...core.fields.keys()],
        problems
    };
}
/** Parses each PEP 508 requirement; the invalid ones go to `problems`. */
function parseRequirements(texts, where, problems) {
    const requirements = [];
    for (const text of texts) {
        const parsed = parseRequirement(text);
        if (parsed.ok)
            requirements.push(parsed.requirement);
        else
            problems.push({ where, text, error: parsed.error });
    }
    return requirements;
}
function readRequiresPython(text, where, problems) {
    if (text === undefined)
        return undefined;
    const specifier = SpecifierSet.parse(text);
    if (!specifier)
        problems.push({
            where: `${where} Requires-Python`,
            text,
            error: 'not a valid PEP 440 specifier set'
        });
    return specifier ? { text, specifier } : { text };
}
function optional(key, value) {
    return value === undefined ? {} : { [key]: value };
}
/** Every field the core metadata specification defines, up to Metadata-Version 2.5 (lower case). */
const KNOWN_FIELDS = new Set([
    'Metadata-Version',
    'Name',
    'Version',
    'Dynamic',
    'Platform',
    'Supported-Platform',
    'Summary',
    'Description',
    'Description-Content-Type',
    'Keywords',
    'Home-page',
    'Download-URL',
    'Author',
    'Author-email',
    'Maintainer',
    'Maintainer-email',
    'License',
    'License-Expression',
    'License-File',
    'Classifier',
    'Requires-Dist',
    'Requires-Python',
    'Requires-External',
    'Project-URL',
    'Provides-Extra',
    'Provides-Dist',
    'Obsoletes-Dist',
    'Import-Name',
    'Import-Namespace',
    'Requires',
    'Provides',
    'Obsoletes'
].map(name => name.toLowerCase()));

;// CONCATENATED MODULE: ./src/packaging/requires-txt.ts
/**
 * setuptools' `*.egg-info/requires.txt`: bare requirements, then `[extra]`, `[extra:marker]` or
 * `[:marker]` sections. Returns each line as a PEP 508 string with the section's marker folded in, the
 * way setuptools writes the same requirement as `Requires-Dist`.
 */
function requiresTxtToPep508(text) {
    const requirements = [];
    const extras = new Set();
    let sectionMarker = '';
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const section = /^\[(.*)\]$/.exec(line);
        if (section) {
            sectionMarker = sectionToMarker(section[1] ?? '', extras);
            continue;
        }
        requirements.push(sectionMarker ? joinMarker(line, sectionMarker) : line);
    }
    return { requirements, extras: [...extras] };
}
function sectionToMarker(section, extras) {
    const colon = section.indexOf(':');
    const extra = (colon >= 0 ? section.slice(0, colon) : section).trim();
    const marker = colon >= 0 ? section.slice(colon + 1).trim() : '';
    if (extra)
        extras.add(extra);
    const extraClause = extra ? `extra == ${JSON.stringify(extra)}` : '';
    if (marker && extraClause)
        return `(${marker}) and ${extraClause}`;
    return marker || extraClause;
}
function joinMarker(requirement, marker) {
    const semicolon = requirement.indexOf(';');
    if (semicolon < 0)
        return `${requirement} ; ${marker}`;
    const own = requirement.slice(semicolon + 1).trim();
    return `${requirement.slice(0, semicolon).trim()} ; (${own}) and (${marker})`;
}

// EXTERNAL MODULE: ./src/read/types.ts
var types = __nccwpck_require__(93);
;// CONCATENATED MODULE: ./src/read/identity.ts



/** The root PKG-INFO (a wheel's METADATA), typed. */
function readRootMetadata(sdist) {
    const path = (0,types/* metadataPath */.x)(sdist);
    const text = (0,decode_text/* entryText */.u0)(sdist.entries.get(path));
    if (text === undefined)
        throw new types/* ArchiveError */.d(sdist.file, `${path} is binary or too large to read`);
    return readMetadata(text, sdist.wheel ? 'METADATA' : 'PKG-INFO');
}
/** Name and version from the root PKG-INFO; an sdist without them is refused. */
function readPackageIdentity(sdist) {
    const { name, version } = readRootMetadata(sdist);
    if (!name || !version) {
        const missing = [!name && 'Name', !version && 'Version'].filter(Boolean).join(' and ');
        throw new types/* ArchiveError */.d(sdist.file, `${(0,types/* metadataPath */.x)(sdist)} has no ${missing} field: not a valid ${sdist.wheel ? 'wheel' : 'sdist'}`);
    }
    return { name, version };
}

;// CONCATENATED MODULE: ./src/read/package-metadata.ts







/** An egg-info folder where setuptools writes it: at the root, or under src/. */
const EGG_INFO = /^(?:src\/)?[^/]+\.egg-info\//;
function readPackageMetadata(sdist) {
    const root = readRootMetadata(sdist);
    const invalid = [
        ...root.problems,
        ...nameProblems(root.name, sdist.wheel ? 'METADATA' : 'PKG-INFO')
    ];
    const requiresTxt = readRequiresTxt(sdist, invalid);
    const useRequiresTxt = root.requiresDist.length === 0 && requiresTxt !== undefined;
    const { project: pyproject, buildSystem, versionFiles = [], dependencyGroups = {} } = readPyproject(sdist, invalid);
    const eggInfo = readEggInfo(sdist);
    const entryPointTargets = entryPointsOf(sdist, pyproject);
    const extras = root.providesExtra.length
        ? root.providesExtra
        : [...new Set((useRequiresTxt ? requiresTxt.extras : []).map(normalizeName))].sort();
    return {
        ...(root.metadataVersion !== undefined && { metadataVersion: root.metadataVersion }),
        name: root.name ?? '',
        version: root.version ?? '',
        ...(root.requiresPython && { requiresPython: root.requiresPython }),
        requirements: useRequiresTxt ? requiresTxt.requirements : root.requiresDist,
        requirementsSource: useRequiresTxt ? requiresTxt.path : sdist.wheel ? 'METADATA' : 'PKG-INFO',
        requiresDist: root.requiresDist,
        ...(requiresTxt && { requiresTxt }),
        extras,
        classifiers: root.classifiers,
        ...(root.license !== undefined && { license: root.license }),
        ...(root.licenseExpression !== undefined && { licenseExpression: root.licenseExpression }),
        entryPoints: Object.keys(entryPointTargets).sort(),
        entryPointTargets,
        ...(eggInfo && { eggInfo }),
        ...(pyproject && { pyproject }),
        ...(buildSystem && { buildSystem }),
        versionFiles,
        dependencyGroups,
        core: root,
        invalid
    };
}
/** A Name that is not a PEP 508 name is never looked up on an index (it could be a URL or a path). */
function nameProblems(name, file) {
    if (name === undefined || isValidName(name))
        return [];
    return [{ where: `${file} Name`, text: name, error: 'not a valid project name (PEP 508 names)' }];
}
const ENTRY_POINTS_TXT = new RegExp(EGG_INFO.source + 'entry_points\\.txt$');
function findFile(sdist, wanted) {
    const test = typeof wanted === 'function' ? wanted : (path) => wanted.test(path);
    const paths = [...sdist.entries.keys()].filter(test).sort();
    for (const path of paths) {
        const text = (0,decode_text/* entryText */.u0)(sdist.entries.get(path));
        if (text !== undefined)
            return { path, text };
    }
    return undefined;
}
function readRequiresTxt(sdist, invalid) {
    const file = findFile(sdist, new RegExp(EGG_INFO.source + 'requires\\.txt$'));
    if (!file)
        return undefined;
    const { requirements, extras } = requiresTxtToPep508(file.text);
    return {
        path: file.path,
        requirements: parseRequirements(requirements, file.path, invalid),
        extras
    };
}
function readEggInfo(sdist) {
    const file = findFile(sdist, new RegExp(EGG_INFO.source + 'PKG-INFO$'));
    return file && { path: file.path, metadata: readMetadata(file.text, file.path) };
}
function readPyproject(sdist, invalid) {
    const text = (0,decode_text/* entryText */.u0)(sdist.entries.get('pyproject.toml'));
    if (text === undefined)
        return {};
    const parsed = parsePyproject(text);
    if (parsed.ok)
        return parsed;
    invalid.push({ where: 'pyproject.toml', text: '', error: parsed.error });
    return {};
}
/** entry_points.txt's, and pyproject.toml's where the built file does not have one. */
function entryPointsOf(sdist, pyproject) {
    const file = sdist.wheel
        ? findFile(sdist, path => path === `${sdist.wheel?.distInfo}/entry_points.txt`)
        : findFile(sdist, path => ENTRY_POINTS_TXT.test(path));
    return { ...pyproject?.entryPointTargets, ...(file ? parseEntryPointTargets(file.text) : {}) };
}

;// CONCATENATED MODULE: ./src/judge/build-backend-changed.ts



/** Files that belong to a build backend rather than to the project. */
const BUILD_FILE = /^(?:setup\.py|setup\.cfg|MANIFEST\.in|pyproject\.toml|(?:src\/)?[^/]+\.egg-info\/.+)$/;
function describeBackend(backend) {
    return backend === LEGACY_BACKEND ? `setup.py (${LEGACY_BACKEND})` : backend;
}
/** An egg-info folder gone as a whole is named once (`a.egg-info/`); other paths stay. */
function grouped(paths, remaining) {
    const kept = new Set([...remaining].map(path => EGG_INFO.exec(path)?.[0]));
    const shown = paths.map(path => {
        const folder = EGG_INFO.exec(path)?.[0];
        return folder && !kept.has(folder) ? folder : path;
    });
    return [...new Set(shown)];
}
/**
 * A backend that runs from the sdist's own files (`backend-path`), new in this release: code of the
 * project that every source build runs. Names its module and the file that holds it.
 */
function newInTreeBackend(previous, current, paths) {
    const folders = current?.backendPath ?? [];
    const known = new Set(previous?.backendPath ?? []);
    if (!folders.length || folders.every(folder => known.has(folder)))
        return undefined;
    const backend = effectiveBackend(current);
    const module = backend.split(':')[0] ?? backend;
    const relative = module.replace(/\./g, '/');
    const file = folders
        .map(folder => folder.replace(/^\.\/?/, '').replace(/\/$/, ''))
        .flatMap(folder => {
        const base = folder ? `${folder}/${relative}` : relative;
        return [`${base}.py`, `${base}/__init__.py`];
    })
        .find(path => paths.includes(path));
    return `new in-tree build backend: module ${module}${file ? ` (${file})` : ''} from backend-path ${folders.join(', ')} runs on every source build`;
}
/**
 * A build-backend migration (setup.py → flit, poetry → hatchling) is one change: the backend's own files
 * going and coming are listed here rather than one finding each.
 */
const buildBackendChanged = {
    id: 'build-backend-changed',
    defaultSeverity: 'info',
    description: 'The build backend changed (e.g. setup.py → flit_core); the build files that went and came are listed in this one finding. Medium for a new in-tree backend (`backend-path`), named by its module: project code that every source build runs.',
    check: ({ metadata, files, current }) => {
        const before = effectiveBackend(metadata.previous.buildSystem);
        const after = effectiveBackend(metadata.current.buildSystem);
        const inTree = newInTreeBackend(metadata.previous.buildSystem, metadata.current.buildSystem, [
            ...current.entries.keys()
        ]);
        if (before === after)
            return inTree ? [{ message: inTree, severity: 'medium' }] : [];
        const gone = files.removed.filter(path => BUILD_FILE.test(path));
        const came = files.added.filter(path => BUILD_FILE.test(path));
        const parts = [
            `build backend changed from ${describeBackend(before)} to ${describeBackend(after)}`,
            ...(gone.length
                ? [
                    `gone: ${grouped(gone, current.entries.keys()).join(', ')} (${plural(gone.length, 'file')})`
                ]
                : []),
            ...(came.length ? [`new: ${grouped(came, []).join(', ')}`] : [])
        ];
        return [
            {
                message: [...(inTree ? [inTree] : []), ...parts].join('; '),
                covers: [...gone, ...came],
                ...(inTree && { severity: 'medium' })
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/judge/build-requirements-changed.ts


/** Build backends and the compilers and code generators a build runs: a cap on them guards the build. */
const BUILD_TOOLS = new Set([
    'setuptools',
    'flit-core',
    'flit',
    'hatchling',
    'poetry-core',
    'pdm-backend',
    'pdm-pep517',
    'maturin',
    'scikit-build-core',
    'scikit-build',
    'meson-python',
    'cython',
    'setuptools-rust',
    'pybind11',
    'nanobind',
    'cffi',
    'numpy',
    'cmake',
    'ninja',
    'meson',
    'swig'
]);
function parsed(texts) {
    return texts.flatMap(text => {
        const result = parseRequirement(text);
        return result.ok ? [result.requirement] : [];
    });
}
function changeOf(before, after) {
    const from = formatRequirement(before);
    const to = formatRequirement(after);
    if (before.specifier.equals(after.specifier) && from === to)
        return undefined;
    const capDropped = before.specifier.allowed.capped && !after.specifier.allowed.capped;
    const how = capDropped
        ? 'cap dropped'
        : before.specifier.raisesFloorOnly(after.specifier)
            ? 'minimum raised'
            : {
                unchanged: 'spelled differently',
                narrowed: 'fewer versions',
                widened: 'more versions',
                shifted: 'versions moved'
            }[before.specifier.compare(after.specifier)];
    return {
        text: `${from} → ${to} (${how})`,
        capDropped: capDropped && BUILD_TOOLS.has(after.key)
    };
}
/** A new backend brings its own requirements: with a migration only a dropped cap stands out. */
function severityOf(parts, migrated) {
    if (parts.some(p => p.capDropped))
        return 'medium';
    if (migrated)
        return 'info';
    return parts.some(p => p.appeared) ? 'medium' : 'low';
}
/**
 * `[build-system] requires` compared by project: what a frontend installs before it runs the build.
 * A project with none declared builds with PEP 518's default, setuptools.
 */
const buildRequirementsChanged = {
    id: 'build-requirements-changed',
    defaultSeverity: 'low',
    description: '`[build-system] requires` changed (a minimum raised, a requirement added or dropped): medium when a cap on a backend or compiler is dropped or a requirement appears that every source build installs; info when the build backend changed with it.',
    check: ({ metadata }) => {
        const before = parsed(effectiveBuildRequires(metadata.previous.buildSystem));
        const after = parsed(effectiveBuildRequires(metadata.current.buildSystem));
        const keys = [...new Set([...before, ...after].map(r => r.key))].sort();
        const parts = keys.flatMap(key => {
            const old = before.find(r => r.key === key);
            const now = after.find(r => r.key === key);
            if (old && now)
                return changeOf(old, now) ?? [];
            if (now)
                return [
                    {
                        text: `new: ${formatRequirement(now)} (every source build installs it)`,
                        appeared: true
                    }
                ];
            return old ? [{ text: `no longer required: ${formatRequirement(old)}` }] : [];
        });
        if (!parts.length)
            return [];
        const migrated = effectiveBackend(metadata.previous.buildSystem) !==
            effectiveBackend(metadata.current.buildSystem);
        const severity = severityOf(parts, migrated);
        const message = `[build-system] requires changed: ${parts.map(p => p.text).join('; ')}` +
            (metadata.previous.buildSystem?.requires
                ? ''
                : '; none was declared before (PEP 518 default)') +
            (migrated ? '; with the build backend change' : '');
        return [{ message, ...(severity !== 'low' && { severity }) }];
    }
};

;// CONCATENATED MODULE: ./src/judge/list-change.ts
/** A rule over a multiple-use field (extras, classifiers): one finding per value that came or went. */
function listChangeRule(spec) {
    return {
        id: spec.id,
        defaultSeverity: spec.defaultSeverity,
        description: spec.description,
        check: ({ metadata }) => {
            const [from, to] = spec.appeared
                ? [metadata.previous, metadata.current]
                : [metadata.current, metadata.previous];
            const known = new Set(spec.values(from));
            return spec
                .values(to)
                .filter(value => !known.has(value))
                .map(value => ({
                message: spec.message(value, metadata.current, metadata),
                ...(spec.subject && { subject: spec.subject(value) })
            }));
        }
    };
}

;// CONCATENATED MODULE: ./src/judge/classifier-rules.ts


/** The subject of a classifier finding, which license-changed and requires-python-narrowed can cover. */
const classifierSubject = (classifier) => `classifier:${classifier}`;
const PYTHON_CLASSIFIER = /^Programming Language :: Python :: (\d+\.\d+)$/;
/** Whether the new Requires-Python still allows some release of the classifier's Python. */
function stillAllowed(classifier, current) {
    const minor = PYTHON_CLASSIFIER.exec(classifier)?.[1];
    if (minor === undefined)
        return false;
    const allowed = current.requiresPython ? current.requiresPython.specifier : SpecifierSet.ANY;
    return !!allowed && (allowed.contains(`${minor}.0`) || allowed.contains(`${minor}.999`));
}
/** `3.10` after `3.9`. */
const minorOf = (classifier) => Number(PYTHON_CLASSIFIER.exec(classifier)?.[1]?.split('.')[1]);
const quoted = (values) => values.map(v => `"${v}"`).join(', ');
/**
 * One finding per classifier; a Python classifier dropped for a Python that Requires-Python still allows
 * is a cleanup that changes no install: those are one info finding.
 */
const classifierRemoved = {
    id: 'classifier-removed',
    defaultSeverity: 'low',
    description: 'A Trove classifier was dropped, e.g. `Framework :: Django`. A licence classifier dropped while the licence keeps its meaning is reported by license-changed (info), and a Python version classifier dropped with that Python by requires-python-narrowed; Python version classifiers dropped for Pythons Requires-Python still allows are one info finding.',
    check: ({ metadata }) => {
        const removed = removedClassifiers(metadata);
        const cleanup = removed
            .filter(c => stillAllowed(c, metadata.current))
            .sort((a, b) => minorOf(a) - minorOf(b));
        const others = removed.filter(c => !cleanup.includes(c));
        const requiresPython = metadata.current.requiresPython?.text || '(any)';
        return [
            ...others.map(classifier => ({
                message: `classifier "${classifier}" was removed`,
                subject: classifierSubject(classifier)
            })),
            ...(cleanup.length
                ? [
                    {
                        message: `${cleanup.length === 1 ? 'classifier' : 'classifiers'} ${quoted(cleanup)} ${cleanup.length === 1 ? 'was' : 'were'} removed, but Requires-Python ${requiresPython} still allows ${cleanup.length === 1 ? 'that Python' : 'those Pythons'}: no install changes`,
                        severity: 'info'
                    }
                ]
                : [])
        ];
    }
};
const classifierAdded = listChangeRule({
    id: 'classifier-added',
    defaultSeverity: 'info',
    description: 'A Trove classifier was added.',
    appeared: true,
    values: metadata => metadata.classifiers,
    message: classifier => `classifier "${classifier}" was added`
});
/** Classifiers the previous release had and the current one dropped. */
function removedClassifiers(metadata) {
    const kept = new Set(metadata.current.classifiers);
    return metadata.previous.classifiers.filter(c => !kept.has(c));
}

;// CONCATENATED MODULE: ./src/packaging/version-moves.ts

/** Past this many major series in one interval, it is shown as a range. */
const MAX_MAJORS = 20;
function versionText(key) {
    const [epoch = 0, ...release] = key;
    while (release.length < 2)
        release.push(0);
    return `${epoch ? `${epoch}!` : ''}${release.join('.')}`;
}
const majorStart = (epoch, major) => below([epoch, major]);
const isBelow = (cut, key) => cut !== undefined &&
    cut.side === 'below' &&
    cut.key.length === key.length &&
    cut.key.every((n, i) => n === key[i]);
function lowerText(cut) {
    return `${cut.side === 'below' ? '>=' : '>'}${versionText(cut.key)}`;
}
function upperText(cut) {
    return `${cut.side === 'below' ? '<' : '<='}${versionText(cut.key)}`;
}
/** One interval inside major series `major`. */
function partText({ lower, upper }, epoch, major) {
    const [, m, minor] = [...lower.key, 0, 0, 0];
    const next = [epoch, major, (minor ?? 0) + 1];
    if (lower.side === 'below' && m === major && isBelow(upper, next) && lower.key.length <= 3)
        return `${major}.${minor}.x`;
    const fromStart = isBelow(lower, [epoch, major]) || (major === 0 && lower.key.length === 0);
    const toEnd = isBelow(upper, [epoch, major + 1]);
    if (upper &&
        lower.side === 'below' &&
        upper.side === 'above' &&
        versionText(lower.key) === versionText(upper.key))
        return versionText(lower.key);
    if (fromStart && upper)
        return `${major}.x ${upperText(upper)}`;
    if (toEnd)
        return `${major}.x ${lowerText(lower)}`;
    return upper ? `${lowerText(lower)},${upperText(upper)}` : lowerText(lower);
}
/**
 * `moved` (lost or gained) read against `other`, the side that keeps or lacks it: a major series
 * `other` has nothing of is whole (`every 1.x`); an upper end left open is a cap.
 */
function describe(moved, other, capPhrase, whole) {
    const phrases = [];
    const wholeMajors = [];
    const flushWhole = () => {
        if (!wholeMajors.length)
            return;
        const [first, last] = [wholeMajors[0], wholeMajors[wholeMajors.length - 1]];
        phrases.push(first === last ? `every ${first}.x` : `every ${first}.x–${last}.x`);
        wholeMajors.length = 0;
    };
    for (const interval of moved.intervals) {
        const epoch = interval.lower.key[0] ?? 0;
        const firstMajor = interval.lower.key[1] ?? 0;
        if (!interval.upper) {
            flushWhole();
            phrases.push(capPhrase(interval.lower));
            continue;
        }
        const lastMajor = (interval.upper.key[1] ?? 0) -
            (isBelow(interval.upper, [epoch, interval.upper.key[1] ?? 0]) ? 1 : 0);
        if ((interval.upper.key[0] ?? 0) !== epoch || lastMajor - firstMajor > MAX_MAJORS) {
            flushWhole();
            phrases.push(`${lowerText(interval.lower)},${upperText(interval.upper)}`);
            continue;
        }
        for (let major = firstMajor; major <= lastMajor; major++) {
            const series = VersionSet.range(majorStart(epoch, major), majorStart(epoch, major + 1));
            const inSeries = VersionSet.of([interval]).intersection(series);
            if (other.intersection(series).isEmpty && whole(moved.intersection(series), series)) {
                if (!wholeMajors.includes(major))
                    wholeMajors.push(major);
                continue;
            }
            flushWhole();
            for (const part of inSeries.intervals)
                phrases.push(partText(part, epoch, major));
        }
    }
    flushWhole();
    return [...new Set(phrases)];
}
function isPoint(set) {
    const [only, ...rest] = set.intervals;
    return (!rest.length &&
        only?.upper !== undefined &&
        only.lower.side === 'below' &&
        only.upper.side === 'above' &&
        versionText(only.lower.key) === versionText(only.upper.key));
}
function versionMoves(before, after) {
    return {
        lost: describe(before.difference(after), after, cut => `${versionText(cut.key)} and later (a new cap ${upperText(cut)})`, 
        // No release of the series is allowed any more; a pin is named as the release it was.
        inSeries => !isPoint(inSeries)),
        gained: describe(after.difference(before), before, cut => `${versionText(cut.key)} and later (the cap ${upperText(cut)} dropped)`, (inSeries, series) => inSeries.equals(series))
    };
}
/** `every 1.x no longer allowed; 3.0 and later newly allowed (the cap <3.0 dropped)`. */
function versionMovesText(before, after) {
    const { lost, gained } = versionMoves(before, after);
    return [
        ...(lost.length ? [`${lost.join(', ')} no longer allowed`] : []),
        ...(gained.length ? [`${gained.join(', ')} newly allowed`] : [])
    ].join('; ');
}

;// CONCATENATED MODULE: ./src/packaging/python-versions.ts

/** Python 2 stopped at 2.7: 2.8 and later 2.x do not exist. */
const LAST_PYTHON_2_MINOR = 7;
/** The first Python 4; nothing is known of it, so losing only Python 4 and later is not a real loss yet. */
const FIRST_FUTURE_MAJOR = 4;
const comparePythons = (a, b) => compareKeys(a, b);
/** The first Python above a cut of the version line; undefined past every Python (a later epoch). */
function firstPythonAbove(cut) {
    const [epoch = 0, major = 0, minor = 0, patch = 0, ...rest] = cut.key;
    if (epoch > 0)
        return undefined;
    const past = cut.side === 'above' || rest.some(n => n > 0);
    return real([major, minor, past ? patch + 1 : patch]);
}
/** Versions that no Python has (1.x, 2.8 to 2.x) move up to the next one that exists. */
function real(python) {
    const [major] = python;
    if (major < 2)
        return [2, 0, 0];
    if (major === 2 && python[1] > LAST_PYTHON_2_MINOR)
        return [3, 0, 0];
    return python;
}
/** The Pythons in a set of versions, as ranges. */
function pythonRanges(set) {
    const ranges = [];
    for (const { lower, upper } of set.intervals) {
        const from = firstPythonAbove(lower);
        if (!from)
            continue;
        const to = upper ? firstPythonAbove(upper) : undefined;
        if (to && comparePythons(from, to) >= 0)
            continue;
        const last = ranges[ranges.length - 1];
        if (last?.to && comparePythons(last.to, from) === 0) {
            ranges[ranges.length - 1] = to ? { from: last.from, to } : { from: last.from };
        }
        else
            ranges.push(to ? { from, to } : { from });
    }
    return ranges;
}
function supportedPythons(requiresPython) {
    return pythonRanges(requiresPython.allowed);
}
function comparePythonSupport(before, after) {
    const lost = pythonRanges(before.difference(after));
    const gained = pythonRanges(after.difference(before));
    const note = stillSupportedNote(lost, pythonRanges(after.allowed));
    return {
        ...(lost.length && { lost: sentence(lost, 'no longer supported') + note }),
        ...(gained.length && { gained: sentence(gained, 'newly supported') }),
        lostOnlyFuture: lost.length > 0 && lost.every(r => r.from[0] >= FIRST_FUTURE_MAJOR)
    };
}
/** "Python 3.11 is no longer supported", "Python 2.7, 3.0–3.5 are no longer supported". */
function sentence(ranges, what) {
    const phrases = ranges.flatMap(describeRange);
    const one = phrases.length === 1 && !/–|,| and later/.test(phrases[0] ?? '');
    return `Python ${phrases.join(', ')} ${one ? 'is' : 'are'} ${what}`;
}
/** A range in words, split where a major version ends. */
function describeRange(range) {
    const [major, minor, patch] = range.from;
    const { to } = range;
    if (!to)
        return [`${version(major, minor, patch || undefined)} and later`];
    const endOfMajor = major === 2 ? [3, 0, 0] : [major + 1, 0, 0];
    if (comparePythons(to, endOfMajor) > 0)
        return [
            ...describeRange({ from: range.from, to: endOfMajor }),
            ...describeRange({ from: endOfMajor, to })
        ];
    if (comparePythons(to, endOfMajor) === 0 && major >= 3) {
        if (minor === 0 && patch === 0)
            return [`${major}`];
        return [`${version(major, minor, patch || undefined)} and later ${major}.x releases`];
    }
    return describeWithinMajor(range.from, to);
}
function describeWithinMajor(from, to) {
    const [major, firstMinor, firstPatch] = from;
    const lastMinor = to[0] > major ? LAST_PYTHON_2_MINOR : to[1];
    const phrases = [];
    let minor = firstMinor;
    if (firstPatch > 0) {
        const sameMinor = to[0] === major && to[1] === firstMinor;
        phrases.push(patches(major, firstMinor, firstPatch, sameMinor ? to[2] : undefined));
        minor++;
    }
    const tailPatches = to[0] === major ? to[2] : 0;
    const lastFull = tailPatches > 0 || to[0] === major ? lastMinor - 1 : lastMinor;
    if (lastFull >= minor)
        phrases.push(minors(major, minor, lastFull));
    if (tailPatches > 0 && !(firstPatch > 0 && to[1] === firstMinor))
        phrases.push(patches(major, to[1], 0, tailPatches));
    return phrases;
}
function minors(major, first, last) {
    if (major === 2 && first === 0 && last === LAST_PYTHON_2_MINOR)
        return '2';
    if (first === last)
        return `${major}.${first}`;
    return last === first + 1
        ? `${major}.${first}, ${major}.${last}`
        : `${major}.${first}–${major}.${last}`;
}
/** Patch releases `first` up to, not including, `end`; no end: the rest of the minor. */
function patches(major, minor, first, end) {
    if (end === undefined)
        return `${version(major, minor, first)} and later ${major}.${minor} releases`;
    return end - first === 1
        ? version(major, minor, first)
        : `${version(major, minor, first)}–${version(major, minor, end - 1)}`;
}
function version(major, minor, patch) {
    return patch === undefined ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
}
/** "(3.8.1 and later still are)" when one minor lost some of its patch releases and kept others. */
function stillSupportedNote(lost, supported) {
    const partial = new Set();
    for (const { from, to } of lost) {
        if (from[2] > 0)
            partial.add(`${from[0]}.${from[1]}`);
        if (to && to[2] > 0)
            partial.add(`${to[0]}.${to[1]}`);
    }
    if (partial.size !== 1)
        return '';
    const [major, minor] = [...partial][0]?.split('.').map(Number) ?? [];
    if (major === undefined || minor === undefined)
        return '';
    const kept = supported.flatMap(range => clipToMinor(range, major, minor));
    if (!kept.length)
        return '';
    const phrases = kept.map(({ from, to }) => to ? patches(major, minor, from[2], to[2]) : `${version(major, minor, from[2])} and later`);
    return ` (${phrases.join(', ')} still ${phrases.length === 1 && !/–| and later/.test(phrases[0] ?? '') ? 'is' : 'are'})`;
}
/** The part of a range inside one minor; `to` undefined when it runs to the minor's end or beyond. */
function clipToMinor(range, major, minor) {
    const start = [major, minor, 0];
    const end = [major, minor + 1, 0];
    const from = comparePythons(range.from, start) > 0 ? range.from : start;
    const to = range.to && comparePythons(range.to, end) < 0 ? range.to : undefined;
    if (comparePythons(from, end) >= 0 || (to && comparePythons(from, to) >= 0))
        return [];
    return [to ? { from, to } : { from }];
}

;// CONCATENATED MODULE: ./src/packaging/marker-environments.ts


/** Platforms a marker is most often about; enough to tell "always", "sometimes" and "never" apart. */
const PLATFORMS = [
    { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64' },
    {
        sys_platform: 'darwin',
        platform_system: 'Darwin',
        os_name: 'posix',
        platform_machine: 'arm64'
    },
    { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', platform_machine: 'AMD64' }
];
const IMPLEMENTATIONS = [
    { implementation_name: 'cpython', platform_python_implementation: 'CPython' },
    { implementation_name: 'pypy', platform_python_implementation: 'PyPy' }
];
/**
 * Representative environments for the Pythons a Requires-Python allows (see `representativePythons`),
 * on each common platform and implementation, with the given extras.
 */
function environmentsFor(requiresPython, extras = []) {
    return representativePythons(requiresPython).flatMap(full => PLATFORMS.flatMap(platform => IMPLEMENTATIONS.flatMap(implementation => ['', ...extras].map(extra => ({
        ...platform,
        ...implementation,
        python_full_version: full,
        python_version: full.split('.').slice(0, 2).join('.'),
        implementation_version: full,
        extra
    })))));
}
/** The newest minor assumed to exist; later ones (and Python 4) stand in for every Python after it. */
const NEWEST_PYTHON_3_MINOR = 15;
/**
 * The Pythons that stand for a Requires-Python: the first and a late patch release of every minor
 * from 2.0 to the newest, one past it, and the first and last Python of each range it allows. A fixed
 * list plus two per range, so the count does not grow with the bound (`<4.0` or `<100`).
 */
function representativePythons(requiresPython) {
    const candidates = [];
    for (let minor = 0; minor <= 7; minor++)
        candidates.push(`2.${minor}.0`, `2.${minor}.99`);
    for (let minor = 0; minor <= NEWEST_PYTHON_3_MINOR + 1; minor++)
        candidates.push(`3.${minor}.0`, `3.${minor}.99`);
    for (const { from, to } of supportedPythons(requiresPython)) {
        candidates.push(from.join('.'));
        // Past the newest minor, the grid's last Python already stands for the range's end.
        if (to && (compareVersions(to.join('.'), `3.${NEWEST_PYTHON_3_MINOR + 1}.99`) ?? 1) <= 0)
            candidates.push(lastBefore(to));
    }
    const allowed = candidates.filter(python => requiresPython.contains(python));
    return [...new Set(allowed)].sort((a, b) => compareVersions(a, b) ?? 0);
}
/** The last Python below `to` that stands for it: `3.8.4` below 3.8.5, `3.99` below 4.0. */
function lastBefore([major, minor, patch]) {
    if (patch > 0)
        return `${major}.${minor}.${patch - 1}`;
    if (minor > 0)
        return `${major}.${minor - 1}.99`;
    return major === 3 ? '2.7.99' : `${major - 1}.99.99`;
}

;// CONCATENATED MODULE: ./src/judge/dependency-reach.ts


const LOWER = {
    high: 'medium',
    medium: 'low',
    low: 'info',
    info: 'info'
};
function lowered(severity, reach) {
    if (reach.dead || reach.noEffectiveChange)
        return 'info';
    return reach.extraOnly ? LOWER[severity] : severity;
}
const extrasOf = (r) => r?.marker?.extras ?? [];
/**
 * The Pythons the new release supports, with every extra either release declares or a marker names:
 * computed once per comparison, and every dependency change is judged over it.
 */
function supportedEnvironments(metadata) {
    const { previous, current } = metadata;
    const extras = new Set([...previous.extras, ...current.extras]);
    for (const r of [...previous.requirements, ...current.requirements])
        for (const extra of extrasOf(r))
            extras.add(extra);
    return environmentsFor(current.requiresPython?.specifier ?? SpecifierSet.ANY, [...extras]);
}
/**
 * The versions of `key` an environment gets: the intersection of the specifiers of every requirement
 * on it whose marker holds there, or undefined when none applies.
 */
function effective(requirements, key, env) {
    const applying = requirements.filter(r => r.key === key && (!r.marker || r.marker.evaluate(env)));
    if (!applying.length)
        return undefined;
    const [first, ...rest] = applying;
    let allowed = first?.specifier.allowed;
    for (const r of rest)
        allowed = allowed?.intersection(r.specifier.allowed);
    const extras = [...new Set(applying.flatMap(r => r.extras))].sort().join(',');
    const urls = applying.map(r => r.url ?? '').join(',');
    return `${JSON.stringify(allowed?.intervals)}|${extras}|${urls}`;
}
function reachOf(change, metadata, envs) {
    const requirement = change.after ?? change.before;
    const sides = [change.before, change.after].filter((r) => r !== undefined);
    const extraOnly = sides.every(r => extrasOf(r).length > 0);
    const dead = change.kind === 'removed' &&
        requirement?.marker !== undefined &&
        requirement.marker.holdsIn(envs).length === 0;
    const noEffectiveChange = change.kind !== 'moved' &&
        envs.length > 0 &&
        envs.every(env => effective(metadata.previous.requirements, change.key, env) ===
            effective(metadata.current.requirements, change.key, env));
    return { extraOnly, dead, noEffectiveChange };
}
/** "now required by every install; was only in `dev`" for a requirement that left its extra. */
function leftExtra(change) {
    const before = extrasOf(change.before);
    if (!change.after || !before.length || extrasOf(change.after).length)
        return undefined;
    return `now required by every install; was only in ${before.map(e => `\`${e}\``).join(', ')}`;
}
/** "for Python ≥3.10" from the new Requires-Python, for messages. */
function supportedPythonsText(current) {
    return current.requiresPython?.text ? `Python ${current.requiresPython.text}` : 'any Python';
}

;// CONCATENATED MODULE: ./src/judge/development-extras.ts
/** Extras named for development work: what they pull in is for the project's own contributors. */
const DEVELOPMENT_NAMES = new Set([
    'dev',
    'develop',
    'development',
    'test',
    'tests',
    'testing',
    'lint',
    'linting',
    'linters',
    'style',
    'format',
    'formatting',
    'typing',
    'types',
    'type',
    'mypy',
    'typecheck',
    'type-check',
    'check',
    'checks',
    'qa',
    'docs',
    'doc',
    'documentation',
    'cov',
    'coverage',
    'bench',
    'benchmark',
    'benchmarks',
    'release',
    'ci',
    'pre-commit'
]);
/** Test, lint, type-check, docs and packaging tools: no user's import needs them. */
const DEVELOPMENT_TOOL = /^(?:pytest(?:-.+)?|coverage(?:-.+)?|covdefaults|hypothesis|tox(?:-.+)?|nox|mock|freezegun|time-machine|responses|pyfakefs|syrupy|nose2?|testfixtures|flake8(?:-.+)?|ruff|black|isort|pylint(?:-.+)?|pycodestyle|pyflakes|pre-commit|codespell|bandit|autopep8|yapf|pydocstyle|blacken-docs|check-manifest|pyupgrade|mypy|pyright|pytype|types-.+|.+-stubs|sphinx(?:-.+)?|sphinxcontrib-.+|furo|myst-parser|myst-nb|mkdocs(?:-.+)?|mkdocstrings(?:-.+)?|pydata-sphinx-theme|numpydoc|nbsphinx|towncrier|build|twine|wheel|setuptools-scm|check-wheel-contents|pip-tools|bump2version|bumpver)$/;
/** The requirements the extra pulls in (its marker names it). */
function requirementKeys(metadata, extra) {
    return metadata.requirements.filter(r => r.marker?.extras.includes(extra)).map(r => r.key);
}
/**
 * A development extra: named as one (`test`, `lint`, `docs`, …), or pulling in only development tools
 * in either release (a `check` extra of ruff and mypy under any name).
 */
function isDevelopmentExtra(extra, metadata) {
    if (DEVELOPMENT_NAMES.has(extra))
        return true;
    return [metadata.current, metadata.previous].some(side => {
        const keys = requirementKeys(side, extra);
        return keys.length > 0 && keys.every(key => DEVELOPMENT_TOOL.test(key));
    });
}

;// CONCATENATED MODULE: ./src/judge/dependency-splits.ts


const extrasKey = (r) => [...(r.marker?.extras ?? [])].sort().join(',');
/** The versions of `key` an environment gets: what every requirement whose marker holds allows. */
function allowedIn(requirements, env) {
    const applying = requirements.filter(r => !r.marker || r.marker.evaluate(env));
    return applying
        .map(r => r.specifier.allowed)
        .reduce((a, b) => (a ? a.intersection(b) : b), undefined);
}
function moveIn(before, after, env) {
    const [was, now] = [allowedIn(before, env), allowedIn(after, env)];
    if (!was || !now)
        return was === now ? 'same' : 'other';
    const lost = !was.isSubsetOf(now);
    const gained = !now.isSubsetOf(was);
    if (!lost)
        return gained ? 'widened' : 'same';
    if (gained)
        return 'other';
    return was.losesOnlyBelow(now) ? 'narrowed-floor' : 'narrowed';
}
function verdict(moves) {
    const seen = new Set(moves.filter(m => m !== 'same'));
    const narrowed = [...seen].every(m => m === 'narrowed' || m === 'narrowed-floor');
    const kind = !seen.size
        ? 'changed'
        : narrowed
            ? 'tightened'
            : [...seen].every(m => m === 'widened')
                ? 'loosened'
                : 'changed';
    return {
        kind,
        floorOnly: kind === 'tightened' && !seen.has('narrowed'),
        noEffectiveChange: !seen.size
    };
}
/**
 * The dependencies whose requirements were re-declared under other markers with the same extras on
 * both sides, so that pairing by marker found more than one change for them (an addition beside a
 * marker change, say). A requirement gained by or lost from an extra is not one: its reach changed.
 */
function dependencySplits(changes, metadata) {
    const splits = [];
    const counted = changes.filter(c => c.kind !== 'moved');
    const keys = [...new Set(counted.map(c => c.key))].filter(key => counted.filter(c => c.key === key).length > 1);
    const envs = keys.length ? supportedEnvironments(metadata) : [];
    for (const key of keys) {
        const own = counted.filter(c => c.key === key);
        const before = metadata.previous.requirements.filter(r => r.key === key);
        const after = metadata.current.requirements.filter(r => r.key === key);
        const reaches = new Set([...before, ...after].map(extrasKey));
        if (own.length < 2 || !before.length || !after.length || reaches.size !== 1)
            continue;
        if ([...before, ...after].some(r => r.url))
            continue;
        const judged = verdict(envs.map(env => moveIn(before, after, env)));
        // Nothing moved anywhere: each line's own info finding says why (a marker that can no longer hold).
        if (!judged.noEffectiveChange)
            splits.push({ key, changes: own, before, after, ...judged });
    }
    return splits;
}
/** `trio>=0.31.0; extra == "trio" → trio>=0.32.0; python_version >= "3.10" and … / trio>=0.31.0; …` */
function splitText(split) {
    const listed = (requirements) => requirements.map(formatRequirement).join(' / ');
    const how = split.after.length > split.before.length
        ? 'now declared per environment marker'
        : split.after.length < split.before.length
            ? 'declared under fewer markers'
            : 'declared under other markers';
    return `${how}: ${listed(split.before)} → ${listed(split.after)}`;
}

;// CONCATENATED MODULE: ./src/judge/dependency-rules.ts





const show = (requirement) => requirement ? formatRequirement(requirement) : '';
const anyVersion = (requirement) => requirement && requirement.specifier.isAny && !requirement.url ? ' (any version)' : '';
const where = (source) => source === 'PKG-INFO' ? 'PKG-INFO (Requires-Dist)' : source;
/** For a pin bumped: what versions were lost and gained (`every 1.x no longer allowed; …`). */
function movedDetail(change) {
    if (change.detail !== 'allowed versions moved' || !change.before || !change.after)
        return change.detail;
    return (versionMovesText(change.before.specifier.allowed, change.after.specifier.allowed) ||
        change.detail);
}
const MESSAGES = {
    added: c => `new dependency ${show(c.after)}${anyVersion(c.after)}`,
    removed: c => `dependency ${show(c.before)} was removed`,
    tightened: c => `${c.key} allows fewer versions: ${show(c.before)} → ${show(c.after)}`,
    loosened: c => `${c.key} allows more versions: ${show(c.before)} → ${show(c.after)}`,
    changed: c => `${c.key} changed (${movedDetail(c)}): ${show(c.before)} → ${show(c.after)}`,
    moved: c => `${c.key} is now declared in ${where(c.to)}; it was already required through ${where(c.from)}, so installs do not change`
};
const named = (extras) => extras.map(e => `\`${e}\``).join(', ');
/** Why the severity moved, said after the message; `extras` when one finding speaks for several. */
function reachNote(change, reach, current, extras = [], development = []) {
    if (reach.dead)
        return `; its marker can no longer be true for ${supportedPythonsText(current)}`;
    if (reach.noEffectiveChange)
        return ` (no effective change for ${supportedPythonsText(current)})`;
    const left = leftExtra(change);
    if (left)
        return ` (${left})`;
    if (development.length)
        return ` (only through the development ${development.length === 1 ? 'extra' : 'extras'} ${named(development)})`;
    if (extras.length > 1)
        return ` (only through extras ${named(extras)})`;
    return reach.extraOnly ? ' (only through an extra)' : '';
}
/** A marker that only names one extra: `extra == "test"`. */
const onlyExtra = (requirement) => !requirement?.marker ||
    (requirement.marker.extras.length === 1 &&
        requirement.marker.key === `extra == "${requirement.marker.extras[0]}"`);
const withoutMarker = (requirement) => requirement && { ...requirement, marker: undefined };
/** The extra a change's requirement comes through, when its marker is only that extra. */
function extraOf(change) {
    const requirement = change.after ?? change.before;
    if (!onlyExtra(change.before) || !onlyExtra(change.after))
        return undefined;
    const [before, after] = [change.before?.marker?.extras[0], change.after?.marker?.extras[0]];
    if (change.before && change.after && before !== after)
        return undefined;
    return requirement?.marker?.extras[0];
}
/**
 * Changes that are one change repeated for each extra that brings the requirement: same kind, project
 * and versions on both sides, each marker only naming its extra.
 */
function groupedByExtra(changes) {
    const groups = new Map();
    changes.forEach((change, index) => {
        const extra = extraOf(change);
        const key = extra === undefined
            ? `#${index}`
            : [change.key, show(withoutMarker(change.before)), show(withoutMarker(change.after))].join('|');
        groups.set(key, [...(groups.get(key) ?? []), change]);
    });
    return [...groups.values()];
}
/** "(minimum raised)", merged into the reach note's parentheses when it has them. */
function withFloorNote(note, floorOnly) {
    if (!floorOnly)
        return note;
    return note.startsWith(' (') ? ` (minimum raised; ${note.slice(2)}` : ` (minimum raised)${note}`;
}
/** Only older versions are no longer allowed: pip upgrades the dependency, nothing is capped. */
function raisesFloorOnly({ before, after }) {
    return !!before && !!after && before.specifier.raisesFloorOnly(after.specifier);
}
/** A requirement that only an extra added or removed as a whole pulls in: the extra's finding lists it. */
function foldedIntoExtra(change, metadata) {
    const side = change.kind === 'added' ? change.after : change.kind === 'removed' ? change.before : undefined;
    const extras = side?.marker?.extras ?? [];
    if (!extras.length)
        return false;
    const [from, to] = change.kind === 'added'
        ? [metadata.previous.extras, metadata.current.extras]
        : [metadata.current.extras, metadata.previous.extras];
    return extras.every(extra => to.includes(extra) && !from.includes(extra));
}
/**
 * The extras that bring the changed requirement when each is a development extra (test, lint, docs
 * tools): their pins matter to contributors, not to users. Empty when any other extra brings it.
 */
function developmentExtras(group, metadata) {
    const extras = [
        ...new Set(group.flatMap(c => [c.before, c.after]).flatMap(r => r?.marker?.extras ?? []))
    ].sort();
    return extras.length && extras.every(extra => isDevelopmentExtra(extra, metadata)) ? extras : [];
}
/**
 * Severity by reach: one level lower when only an extra pulls the requirement in; info when its marker
 * can no longer hold, or when every supported environment resolves the project as before.
 */
function dependencyRule(kind, defaultSeverity, description) {
    return {
        id: `dependency-${kind}`,
        defaultSeverity,
        description,
        check: ({ dependencies, metadata }) => {
            const changes = dependencies.filter(c => c.kind === kind && !foldedIntoExtra(c, metadata));
            if (kind === 'moved')
                return changes.map(c => ({ message: MESSAGES[kind](c) }));
            const splits = dependencySplits(dependencies, metadata);
            const inSplit = new Set(splits.flatMap(s => s.changes));
            const single = changes.filter(c => !inSplit.has(c));
            const envs = single.length ? supportedEnvironments(metadata) : [];
            return [
                ...splits.filter(s => s.kind === kind).map(s => splitHit(s, defaultSeverity, metadata)),
                ...groupedByExtra(single).map(group => groupHit(group, kind, defaultSeverity, metadata, envs))
            ];
        }
    };
}
/** One finding for one change, or for the same change repeated for each extra that brings it. */
function groupHit(group, kind, defaultSeverity, metadata, envs) {
    const [c, ...others] = group;
    const extras = others.length
        ? group
            .map(extraOf)
            .filter(e => e !== undefined)
            .sort()
        : [];
    const reach = group
        .map(one => reachOf(one, metadata, envs))
        .reduce((a, b) => ({
        extraOnly: a.extraOnly && b.extraOnly,
        dead: a.dead && b.dead,
        noEffectiveChange: a.noEffectiveChange && b.noEffectiveChange
    }));
    const floorOnly = kind === 'tightened' && raisesFloorOnly(c);
    const development = reach.extraOnly ? developmentExtras(group, metadata) : [];
    const severity = development.length ? 'info' : lowered(floorOnly ? 'low' : defaultSeverity, reach);
    const shown = others.length
        ? { ...c, before: withoutMarker(c.before), after: withoutMarker(c.after) }
        : c;
    return {
        message: MESSAGES[kind](shown) +
            withFloorNote(reachNote(c, reach, metadata.current, extras, development), floorOnly),
        ...(severity !== defaultSeverity && { severity })
    };
}
const SPLIT_MESSAGES = {
    added: key => `new dependency ${key}`,
    removed: key => `dependency ${key} was removed`,
    tightened: key => `${key} allows fewer versions`,
    loosened: key => `${key} allows more versions`,
    changed: key => `${key} changed`
};
/** One finding for a dependency re-declared under other markers, judged over every environment. */
function splitHit(split, defaultSeverity, metadata) {
    const all = [...split.before, ...split.after];
    const reach = {
        extraOnly: all.every(r => (r.marker?.extras.length ?? 0) > 0),
        dead: false,
        noEffectiveChange: split.noEffectiveChange
    };
    const development = reach.extraOnly ? developmentExtras(split.changes, metadata) : [];
    const severity = development.length
        ? 'info'
        : lowered(split.floorOnly ? 'low' : defaultSeverity, reach);
    const note = reachNote(split.changes[0], reach, metadata.current, [], development);
    return {
        message: `${SPLIT_MESSAGES[split.kind](split.key)}, ${splitText(split)}${withFloorNote(note, split.floorOnly)}`,
        ...(severity !== defaultSeverity && { severity })
    };
}
const dependencyAdded = dependencyRule('added', 'medium', 'A requirement on a new project (markers and extras shown).');
const dependencyRemoved = dependencyRule('removed', 'low', 'A requirement is no longer present.');
const dependencyTightened = dependencyRule('tightened', 'medium', 'Same project, fewer versions allowed (low when only the minimum rose).');
const dependencyLoosened = dependencyRule('loosened', 'low', 'Same project, more versions allowed.');
const dependencyChanged = dependencyRule('changed', 'medium', 'Same project, the allowed versions moved (a pin bumped), or its extras, marker or URL changed.');
const dependencyMoved = dependencyRule('moved', 'info', 'A requirement moved between egg-info/requires.txt and PKG-INFO Requires-Dist without changing.');

;// CONCATENATED MODULE: ./src/judge/entry-point-changed.ts

const entryPointChanged = {
    id: 'entry-point-changed',
    defaultSeverity: 'medium',
    description: 'A console/GUI script or plugin entry point now loads another object (`wheel.cli:main` → `wheel._commands:main`): the command runs other code.',
    check: ({ metadata }) => {
        const before = metadata.previous.entryPointTargets;
        const after = metadata.current.entryPointTargets;
        return Object.keys(after)
            .sort()
            .flatMap(name => {
            const old = before[name];
            const now = after[name];
            if (old === undefined || now === undefined || normalTarget(old) === normalTarget(now))
                return [];
            return [{ message: `entry point ${name} now loads ${now} (was ${old})` }];
        });
    }
};

;// CONCATENATED MODULE: ./src/judge/entry-point-removed.ts
/** `group: name` → group and name. */
function split(entryPoint) {
    const colon = entryPoint.indexOf(': ');
    return colon < 0 ? ['', entryPoint] : [entryPoint.slice(0, colon), entryPoint.slice(colon + 2)];
}
/** Entry points removed, one finding per group: six plugins of one group going is one change. */
const entryPointRemoved = {
    id: 'entry-point-removed',
    defaultSeverity: 'medium',
    description: 'A console/GUI script or entry point (entry_points.txt or [project.scripts]) vanished: commands and plugins break. One finding per group.',
    check: ({ metadata }) => {
        const byGroup = new Map();
        for (const entryPoint of metadata.previous.entryPoints) {
            if (metadata.current.entryPoints.includes(entryPoint))
                continue;
            const [group, name] = split(entryPoint);
            byGroup.set(group, [...(byGroup.get(group) ?? []), name]);
        }
        return [...byGroup].map(([group, names]) => ({
            message: names.length === 1
                ? `entry point ${group}: ${names[0]} was removed`
                : `${names.length} entry points of ${group} were removed: ${names.join(', ')}`
        }));
    }
};

;// CONCATENATED MODULE: ./src/judge/extra-rules.ts



/** The requirements only `extra` pulls in: the extra's finding carries them, one finding for the change. */
function requirementsOfExtra(metadata, extra) {
    return metadata.requirements.filter(r => {
        const extras = r.marker?.extras ?? [];
        return extras.length > 0 && extras.every(e => e === extra);
    });
}
function withRequirements(requirements) {
    if (!requirements.length)
        return '';
    const names = [...new Set(requirements.map(r => r.key))];
    const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
    return `, with its ${requirements.length} requirement${requirements.length === 1 ? '' : 's'}: ${shown}`;
}
const extraAdded = listChangeRule({
    id: 'extra-added',
    defaultSeverity: 'info',
    description: 'A Provides-Extra appeared.',
    appeared: true,
    values: metadata => metadata.extras,
    message: (extra, current) => `extra "${extra}" was added${withRequirements(requirementsOfExtra(current, extra))}`
});
/** The group a removed extra moved to: the same name, or one holding every project the extra pulled in. */
function groupOf(extra, previous, current) {
    const groups = Object.entries(current.dependencyGroups);
    const named = groups.find(([group]) => normalizeName(group) === extra);
    if (named)
        return named[0];
    const keys = requirementsOfExtra(previous, extra).map(r => r.key);
    if (!keys.length)
        return undefined;
    return groups.find(([, requirements]) => {
        const held = new Set(requirements.flatMap(text => {
            const parsed = parseRequirement(text);
            return parsed.ok ? [parsed.requirement.key] : [];
        }));
        return keys.every(key => held.has(key));
    })?.[0];
}
const extra_rules_quoted = (values) => values.map(v => `"${v}"`).join(', ');
/**
 * An extra removed is medium, one finding each; extras that moved to PEP 735 `[dependency-groups]`
 * (development requirements no install gets) are one low finding naming the extras and the groups.
 */
const extraRemoved = {
    id: 'extra-removed',
    defaultSeverity: 'medium',
    description: 'A Provides-Extra vanished. Extras moved to PEP 735 `[dependency-groups]` are one low finding.',
    check: ({ metadata }) => {
        const { previous, current } = metadata;
        const kept = new Set(current.extras);
        const removed = previous.extras.filter(extra => !kept.has(extra));
        const moved = removed.map(extra => [extra, groupOf(extra, previous, current)]);
        const migrated = moved.filter((pair) => pair[1] !== undefined);
        const hits = moved
            .filter(([, group]) => group === undefined)
            .map(([extra]) => ({
            message: `extra "${extra}" was removed${withRequirements(requirementsOfExtra(previous, extra))}: \`pip install ${current.name}[${extra}]\` now warns and installs without it`
        }));
        if (!migrated.length)
            return hits;
        const extras = migrated.map(([extra]) => extra);
        const groups = [...new Set(migrated.map(([, group]) => group))];
        return [
            {
                message: `${extras.length === 1 ? 'extra' : 'extras'} ${extra_rules_quoted(extras)} moved to [dependency-groups] ${extra_rules_quoted(groups)} (PEP 735): \`pip install ${current.name}[${extras[0]}]\` now warns and installs without it; contributors install the ${groups.length === 1 ? 'group' : 'groups'} with \`pip install --group\``,
                severity: 'low'
            },
            ...hits
        ];
    }
};

;// CONCATENATED MODULE: ./src/packaging/project-files.ts

/**
 * Files that only a developer runs (tests and their fixtures and servers, such as urllib3's dummyserver;
 * docs, examples): never on a user's machine on import.
 */
const DEVELOPER_ONLY = picomatch_default()([
    '**/test/**',
    '**/tests/**',
    '**/testing/**',
    '**/docs/**',
    '**/doc/**',
    '**/example/**',
    '**/examples/**',
    '**/benchmark/**',
    '**/benchmarks/**',
    '**/fixtures/**',
    '**/testdata/**',
    '**/test_data/**',
    '**/dummyserver/**',
    '**/conftest.py',
    '**/test_*.py',
    '**/*_test.py',
    'noxfile.py',
    'tasks.py'
], { dot: true });
/** A project's notes about itself (README, CHANGES, …): prose that no install reads. */
const NOTE_NAMES = 'README|CHANGES|CHANGELOG|HISTORY|NEWS|AUTHORS|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY';
/** A note, or a licence text, anywhere (a vendored library's LICENSE and README, as pip keeps them). */
const NOTE_OR_LICENCE = new RegExp(`(?:^|/)(?:${NOTE_NAMES}|LICEN[CS]E|COPYING|NOTICE)(?:[.-][^/]*)?$`, 'i');
/** Documentation at the project's root: the docs folder and the notes beside the code. */
const ROOT_DOCUMENTATION = new RegExp(`^(?:docs?/|(?:${NOTE_NAMES})(?:\\.[^/]*)?$)`, 'i');

;// CONCATENATED MODULE: ./src/judge/sensitive-file-added.ts



/** Files that hold secrets or repository internals and have no place in a published sdist. */
const SENSITIVE_PATTERNS = [
    '**/.env',
    '**/.env.!(example|sample|template|dist)',
    '**/.pypirc',
    '**/.netrc',
    '**/.npmrc',
    '**/.git/**',
    '**/.git-credentials',
    '**/.aws/credentials',
    '**/.docker/config.json',
    '**/.ssh/**',
    '**/id_rsa',
    '**/id_dsa',
    '**/id_ecdsa',
    '**/id_ed25519',
    '**/*.pem',
    '**/*.key',
    '**/*.p12',
    '**/*.pfx',
    '**/*.keystore',
    '**/*.jks',
    '**/*.kdbx',
    '**/.htpasswd',
    '**/credentials.json',
    '**/client_secret*.json',
    '**/service-account*.json',
    '**/secrets.{yml,yaml,json,toml}',
    '**/*.tfstate'
];
const isSensitiveName = picomatch_default()(SENSITIVE_PATTERNS, { dot: true, nocase: true });
/** Key and certificate containers are judged by what they hold. */
const CERTIFICATE_OR_KEY = /\.(?:pem|crt|cer|key)$/i;
/** A public certificate bundle (certifi's cacert.pem) is not a secret; a private key block is. */
function isSensitiveFile(path, entry) {
    if (!isSensitiveName(path))
        return false;
    if (!CERTIFICATE_OR_KEY.test(path))
        return true;
    const text = (0,decode_text/* entryText */.u0)(entry);
    if (text === undefined)
        return true;
    return (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || !/-----BEGIN CERTIFICATE-----/.test(text));
}
const sensitiveFileAdded = {
    id: 'sensitive-file-added',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'A file that usually holds secrets or repository internals (.env, private keys, .pypirc, .git/) was added (or is in a first release); .pem/.key files are judged by content, and certificates are not secrets; low in tests, docs and examples.',
    check: ({ added, archive: current, newPackage, secrets }) => {
        // A file whose content holds a secret is reported once, by secret-added, which says what and where.
        const withSecret = new Set(secrets.map(hit => hit.path));
        return added
            .filter(path => !withSecret.has(path) && isSensitiveFile(path, current.entries.get(path)))
            .map(path => {
            const what = `${path} looks like a secret or credential file and ${newPackage === undefined ? 'was added' : 'is in this first release'}`;
            const fixture = DEVELOPER_ONLY(path);
            return {
                path,
                message: fixture
                    ? `${what}; it is a test or documentation file, where such files are usually made up`
                    : what,
                ...(fixture && { severity: 'low' }),
                // The same file is not also reported as missing from git.
                covers: [path]
            };
        });
    }
};

;// CONCATENATED MODULE: ./src/judge/file-added.ts

const fileAdded = {
    id: 'file-added',
    defaultSeverity: 'info',
    description: 'A file is in the current sdist and was not in the previous one (a sensitive file is reported once, by sensitive-file-added).',
    check: ({ files, current }) => files.added
        .filter(path => !isSensitiveFile(path, current.entries.get(path)))
        .map(path => ({ path, message: `${path} was added` }))
};

;// CONCATENATED MODULE: ./src/judge/file-removed.ts



/**
 * What setuptools writes for itself: a wheel's .dist-info notes beside the standard files, and an sdist's
 * .egg-info folder (it moves under src/ with the code, as python-dateutil 2.9.0's did). The metadata in
 * them is judged from PKG-INFO; no installer reads the files.
 */
const BACKEND_NOTES = /^(?:[^/]+\.dist-info\/(?:top_level\.txt|zip-safe|not-zip-safe|dependency_links\.txt|namespace_packages\.txt)|(?:src\/)?[^/]+\.egg-info\/[^/]+)$/;
/** The repository's CI, bot and hook configuration: no build, install or test run reads it. */
const REPOSITORY_CONFIG = /^(?:\.(?:github|gitlab|circleci)\/|\.?(?:gitlab-ci|travis|pre-commit-config|pre-commit-hooks|readthedocs|codecov)\.ya?ml$)/;
/** pip requirement files at the top (`requirements_dev.txt`, `requirements/tests38.txt`). */
const REQUIREMENTS_FILE = /^(?:[^/]*requirements[^/]*|requirements\/[^/]+)\.(?:txt|in)$/i;
/** What a build runs or reads: a requirement file they do not name is no build's input. */
const BUILD_FILES = ['setup.py', 'setup.cfg', 'pyproject.toml'];
function namedByBuild(path, current) {
    const name = external_node_path_.posix.basename(path);
    return BUILD_FILES.some(file => (0,decode_text/* entryText */.u0)(current.entries.get(file))?.includes(name));
}
/** Why a removed file is info, or undefined when it is not. */
function unused(path, current) {
    if (BACKEND_NOTES.test(path) || ROOT_DOCUMENTATION.test(path))
        return '';
    if (REPOSITORY_CONFIG.test(path))
        return ' (repository configuration: no build or install reads it)';
    if (REQUIREMENTS_FILE.test(path) && !namedByBuild(path, current))
        return ' (a requirements file no build file of this release names)';
    return undefined;
}
const fileRemoved = {
    id: 'file-removed',
    defaultSeverity: 'low',
    description: "A file of the previous sdist (or wheel) is missing from the current one; documentation, a build backend's own .egg-info and .dist-info notes, CI configuration and requirement files no build file names are info.",
    check: ({ files, current }) => files.removed.map(path => {
        const note = unused(path, current);
        return {
            path,
            message: `${path} was removed${note ?? ''}`,
            ...(note !== undefined && { severity: 'info' })
        };
    })
};

;// CONCATENATED MODULE: ./src/judge/file-renamed.ts
const fileRenamed = {
    id: 'file-renamed',
    defaultSeverity: 'info',
    description: 'A file moved to a new path with the same content, or with small edits (half its lines or more kept; its diff is shown).',
    check: ({ files }) => files.renamed.map(({ from, to, similarity }) => ({
        path: to,
        message: `${from} was renamed to ${to}${similarity === undefined ? '' : ` with edits (${similarity}% of lines kept)`}`
    }))
};

// EXTERNAL MODULE: ./node_modules/spdx-expression-parse/index.js
var spdx_expression_parse = __nccwpck_require__(3326);
var spdx_expression_parse_default = /*#__PURE__*/__nccwpck_require__.n(spdx_expression_parse);
;// CONCATENATED MODULE: ./src/packaging/licenses.ts

const FAMILIES = [
    ['agpl', /\bagpl|affero/],
    ['lgpl', /\blgpl|lesser general public|library general public/],
    ['gpl', /\bgpl|\bgnu general public/],
    ['apache', /apache/],
    ['mit', /\bmit\b|\bexpat\b|permission is hereby granted, free of charge/],
    ['bsd', /\bbsd|redistribution and use in source and binary forms/],
    ['mpl', /\bmpl\b|mozilla public/],
    ['isc', /\bisc\b|\biscl\b/],
    ['psf', /\bpsf|python software foundation/],
    ['unlicense', /unlicense/],
    ['cc0', /\bcc0/],
    ['epl', /\bepl\b|eclipse public/],
    ['bsl', /\bbsl-1|boost software/],
    ['zlib', /\bzlib\b/],
    ['public-domain', /public domain/],
    ['proprietary', /proprietary/]
];
/** Licence families named in one piece of text (an SPDX expression, a free-text field or a classifier). */
function licenseMeanings(text) {
    // Lesser and Affero GPL are matched first and cut out, so what is left of "gpl" is the plain GPL.
    let rest = text.toLowerCase();
    const meanings = [];
    for (const [family, pattern] of FAMILIES) {
        const match = pattern.exec(rest);
        if (!match)
            continue;
        const version = /v(?:ersion)?\s*(\d)|[- ](\d)(?:\.\d)?\b/.exec(rest.slice(match.index, match.index + 60));
        const major = version?.[1] ?? version?.[2];
        meanings.push(major ? { family, version: major } : { family });
        if (family === 'agpl' || family === 'lgpl')
            rest = rest.replace(new RegExp(pattern.source + '[^,;()]*', 'g'), ' ');
    }
    return meanings;
}
function sameMeaning(a, b) {
    const covers = (xs, ys) => ys.every(y => xs.some(x => x.family === y.family && (!x.version || !y.version || x.version === y.version)));
    return covers(a, b) && covers(b, a);
}
function describeMeanings(meanings) {
    return meanings
        .map(m => (m.version ? `${m.family.toUpperCase()}-${m.version}` : m.family.toUpperCase()))
        .join(' + ');
}
/** Trove licence classifiers that name exactly one SPDX licence (PEP 639's unambiguous mappings). */
const CLASSIFIER_SPDX = {
    'MIT License': 'MIT',
    'MIT No Attribution License (MIT-0)': 'MIT-0',
    'ISC License (ISCL)': 'ISC',
    'Python Software Foundation License': 'PSF-2.0',
    'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
    'Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
    'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
    'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
    'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
    'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
    'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
    'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
    'GNU Affero General Public License v3': 'AGPL-3.0-only',
    'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
    'The Unlicense (Unlicense)': 'Unlicense',
    'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
    'zlib/libpng License': 'Zlib',
    'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
    'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
    'Universal Permissive License (UPL)': 'UPL-1.0'
};
/**
 * The licence as an SPDX expression where the declaration gives one: License-Expression, a License field
 * that is a valid expression, or classifiers that map to one id each. Otherwise the family names
 * (`BSD`), since a classifier like "BSD License" does not say which BSD licence.
 */
function licenseId(declared) {
    if (declared.licenseExpression)
        return declared.licenseExpression;
    const field = declared.license?.trim();
    if (field && isSpdxExpression(field))
        return field;
    const classifiers = declared.classifiers
        .filter(c => c.startsWith('License ::'))
        .map(c => c.split(' :: ').pop() ?? c);
    if (classifiers.length) {
        const ids = classifiers.map(c => CLASSIFIER_SPDX[c] ?? describeMeanings(licenseMeanings(c)));
        const known = [...new Set(ids.filter(id => id !== ''))];
        if (known.length)
            return known.join(' OR ');
    }
    return field ? describeMeanings(licenseMeanings(field)) || undefined : undefined;
}
function isSpdxExpression(text) {
    try {
        spdx_expression_parse_default()(text);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/judge/license-changed.ts


/** Every place a licence is declared, as `Field: value`. */
function declarations(metadata) {
    return [
        ...(metadata.licenseExpression ? [`License-Expression: ${metadata.licenseExpression}`] : []),
        ...(metadata.license ? [`License: ${firstLine(metadata.license)}`] : []),
        ...metadata.classifiers.filter(c => c.startsWith('License ::')).map(c => `Classifier: ${c}`)
    ];
}
/** The SPDX form of a declaration, or its licence families when it does not name one. */
function spdx(metadata, meanings) {
    return licenseId(metadata) ?? (describeMeanings(meanings) || 'unrecognised');
}
function firstLine(text) {
    const line = text.split('\n')[0] ?? '';
    return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
const licenseChanged = {
    id: 'license-changed',
    defaultSeverity: 'high',
    description: 'The licence differs in meaning (License, License-Expression, licence classifiers); a licence that only changed form is info.',
    check: ({ metadata }) => {
        const before = declarations(metadata.previous);
        const after = declarations(metadata.current);
        if (before.join('\n') === after.join('\n'))
            return [];
        const was = licenseMeanings(before.join('\n'));
        const is = licenseMeanings(after.join('\n'));
        const summary = `${before.join('; ') || 'none'} → ${after.join('; ') || 'none'}`;
        // The licence classifiers that went are part of this change, whatever it means.
        const covers = removedClassifiers(metadata)
            .filter(c => c.startsWith('License ::'))
            .map(classifierSubject);
        if (after.length === 0)
            return [{ message: `the licence declaration was removed (${summary})`, covers }];
        if (before.length === 0)
            return [{ severity: 'info', message: `a licence is now declared (${summary})` }];
        const [wasId, isId] = [spdx(metadata.previous, was), spdx(metadata.current, is)];
        if (sameMeaning(was, is)) {
            const ids = wasId === isId ? isId : `${wasId} → ${isId}`;
            return [
                {
                    severity: 'info',
                    message: `licence declared differently with the same meaning, ${ids} (${summary})`,
                    covers
                }
            ];
        }
        return [{ message: `licence changed from ${wasId} to ${isId} (${summary})`, covers }];
    }
};

;// CONCATENATED MODULE: ./src/judge/metadata-inconsistent.ts





const sameName = (a, b) => normalizeName(a) === normalizeName(b);
function sameVersion(a, b) {
    const [left, right] = [Version.parse(a), Version.parse(b)];
    return left && right ? left.equals(right) : a.trim() === b.trim();
}
/** `>=3.9` and `>=3.9.0` are one set of Pythons; unparseable text is compared as text. */
function samePythons(a, b) {
    const [left, right] = [SpecifierSet.parse(a ?? ''), SpecifierSet.parse(b ?? '')];
    return left && right ? left.equals(right) : (a ?? '').trim() === (b ?? '').trim();
}
const metadata_inconsistent_text = (requiresPython) => requiresPython?.text ?? '';
const metadata_inconsistent_listed = (requirements) => requirements.map(formatRequirement).sort().join(', ');
function eggInfoDeclarations(egg, current) {
    return [
        {
            field: 'Name',
            here: egg.name ?? '',
            root: current.name,
            same: sameName(egg.name ?? '', current.name)
        },
        {
            field: 'Version',
            here: egg.version ?? '',
            root: current.version,
            same: sameVersion(egg.version ?? '', current.version)
        },
        {
            field: 'Requires-Python',
            here: metadata_inconsistent_text(egg.requiresPython),
            root: metadata_inconsistent_text(current.requiresPython),
            same: samePythons(egg.requiresPython?.text, current.requiresPython?.text)
        },
        {
            field: 'Requires-Dist',
            here: metadata_inconsistent_listed(egg.requiresDist),
            root: metadata_inconsistent_listed(current.requiresDist),
            same: sameRequirements(egg.requiresDist, current.requiresDist)
        }
    ];
}
function eggInfoHits(current) {
    if (!current.eggInfo)
        return [];
    const { path, metadata } = current.eggInfo;
    return eggInfoDeclarations(metadata, current)
        .filter(d => !d.same)
        .map(d => ({
        path,
        message: `${path} says ${d.field} "${d.here}" but PKG-INFO says "${d.root}": the sdist was built from stale egg-info`
    }));
}
function pyprojectDeclarations(current) {
    const project = current.pyproject;
    if (!project)
        return [];
    const declared = [];
    const add = (field, here, root, same) => {
        if (here !== undefined && !project.dynamic.includes(field))
            declared.push({ field, here, root, same });
    };
    add('name', project.name, current.name, sameName(project.name ?? '', current.name));
    add('version', project.version, current.version, sameVersion(project.version ?? '', current.version));
    add('requires-python', project.requiresPython, metadata_inconsistent_text(current.requiresPython), samePythons(project.requiresPython, current.requiresPython?.text));
    if (project.dependencies && !project.dynamic.includes('dependencies')) {
        const ignored = [];
        const dependencies = parseRequirements(project.dependencies, 'pyproject.toml', ignored);
        if (ignored.length)
            return declared;
        const unconditional = current.requirements.filter(r => !r.marker?.extras.length);
        declared.push({
            field: 'dependencies',
            here: metadata_inconsistent_listed(dependencies),
            root: metadata_inconsistent_listed(unconditional),
            same: sameRequirements(dependencies, unconditional)
        });
    }
    return declared;
}
function pyprojectHits(current) {
    return pyprojectDeclarations(current)
        .filter(d => !d.same)
        .map(d => ({
        path: 'pyproject.toml',
        message: d.field === 'dependencies'
            ? `pyproject.toml [project] dependencies are "${d.here}" but ${current.requirementsSource} says "${d.root}"`
            : `pyproject.toml [project] ${d.field} is "${d.here}" but PKG-INFO says "${d.root}"`
    }));
}
const metadataInconsistent = {
    id: 'metadata-inconsistent',
    defaultSeverity: 'medium',
    description: 'In the current sdist, *.egg-info/PKG-INFO or pyproject.toml [project] disagrees with the root PKG-INFO.',
    check: ({ metadata }) => [...eggInfoHits(metadata.current), ...pyprojectHits(metadata.current)]
};

;// CONCATENATED MODULE: ./src/judge/metadata-invalid.ts
const metadataInvalid = {
    id: 'metadata-invalid',
    scope: 'current',
    defaultSeverity: 'medium',
    description: 'The current sdist holds a PKG-INFO line, a requirement, a Requires-Python or a pyproject.toml that installers cannot parse.',
    check: ({ metadata }) => metadata.invalid.map(({ where, text, error }) => ({
        message: `${where}: cannot parse ${text ? `"${text}"` : 'the file'} (${error.split('\n')[0]})`
    }))
};

;// CONCATENATED MODULE: ./src/judge/metadata-version-changed.ts
const metadataVersionChanged = {
    id: 'metadata-version-changed',
    defaultSeverity: 'info',
    description: 'Metadata-Version changed (usually a new build backend); old installers may not read newer fields.',
    check: ({ metadata }) => {
        const before = metadata.previous.metadataVersion ?? '(none)';
        const after = metadata.current.metadataVersion ?? '(none)';
        return before === after
            ? []
            : [{ path: 'PKG-INFO', message: `Metadata-Version ${before} → ${after}` }];
    }
};

;// CONCATENATED MODULE: ./src/judge/name-changed.ts

const nameChanged = {
    id: 'name-changed',
    defaultSeverity: 'high',
    description: 'The project name differs after PEP 503 normalisation: this is a different package on the index.',
    check: ({ metadata }) => {
        const before = metadata.previous.name;
        const after = metadata.current.name;
        if (normalizeName(before) === normalizeName(after))
            return [];
        return [
            {
                message: `project name changed from ${before} to ${after}: users of ${before} will not get this release`
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/judge/newer-metadata.ts

const difference = (a, b) => a.filter(x => !b.includes(x));
const dynamicFieldsChanged = {
    id: 'dynamic-fields-changed',
    defaultSeverity: 'low',
    description: 'Fields declared `Dynamic` were added or removed (PEP 643): a dynamic field may differ between the sdist and the wheels built from it; fields no longer dynamic are info (fixed in the sdist, wheels must match).',
    check: ({ metadata }) => {
        const [before, after] = [metadata.previous.core.dynamic, metadata.current.core.dynamic];
        const hits = [];
        const added = difference(after, before);
        const removed = difference(before, after);
        if (added.length)
            hits.push({ message: `now Dynamic (wheels may differ from this sdist): ${added.join(', ')}` });
        if (removed.length)
            hits.push({
                message: `no longer Dynamic (fixed in the sdist): ${removed.join(', ')}`,
                severity: 'info'
            });
        return hits;
    }
};
const importNamesChanged = {
    id: 'import-names-changed',
    defaultSeverity: 'medium',
    description: 'Import-Name or Import-Namespace (PEP 794) lost a name (medium: `import` of it may fail) or gained one (info).',
    check: ({ metadata }) => {
        const hits = [];
        for (const field of ['importNames', 'importNamespaces']) {
            const label = field === 'importNames' ? 'Import-Name' : 'Import-Namespace';
            const [before, after] = [metadata.previous.core[field], metadata.current.core[field]];
            for (const name of difference(before, after))
                hits.push({
                    message: `${label} ${name} is no longer declared: \`import ${name}\` may no longer work`
                });
            for (const name of difference(after, before))
                hits.push({ severity: 'info', message: `${label} ${name} is newly declared` });
        }
        return hits;
    }
};
const licenseFileMissing = {
    id: 'license-file-missing',
    scope: 'current',
    defaultSeverity: 'medium',
    description: 'PKG-INFO lists a License-File (PEP 639) that the archive does not hold.',
    check: ({ metadata, archive: current }) => {
        // A wheel holds them under .dist-info/licenses/ (PEP 639), or older builds at .dist-info's top.
        const distInfo = current.wheel?.distInfo;
        const places = (path) => distInfo ? [`${distInfo}/licenses/${path}`, `${distInfo}/${path}`, path] : [path];
        return metadata.core.licenseFiles
            .filter(path => !places(path).some(place => current.entries.has(place)))
            .map(path => ({
            path,
            message: current.wheel
                ? `License-File ${path} is listed in METADATA but not in the wheel`
                : `License-File ${path} is listed in PKG-INFO but not in the sdist`
        }));
    }
};
const metadataFieldUnknown = {
    id: 'metadata-field-unknown',
    scope: 'current',
    defaultSeverity: 'info',
    description: 'PKG-INFO holds a field the core metadata specification (up to 2.5) does not define; read, reported, never an error.',
    check: ({ metadata }) => metadata.core.fieldNames
        .filter(name => !KNOWN_FIELDS.has(name))
        .map(name => ({
        message: `PKG-INFO field "${name}" is not one the core metadata specification defines (a newer version, or a typo)`
    }))
};

;// CONCATENATED MODULE: ./src/judge/new-package.ts
const newPackage = {
    id: 'new-package',
    scope: 'current',
    defaultSeverity: 'info',
    description: 'The project has no earlier release on the index (or none for the previous spec): nothing to compare.',
    check: ({ newPackage, metadata }) => newPackage === undefined
        ? []
        : [{ message: `${metadata.name} ${metadata.version}: ${newPackage}` }]
};

;// CONCATENATED MODULE: ./src/judge/sdist-missing.ts
const sdistMissing = {
    id: 'sdist-missing',
    scope: 'current',
    defaultSeverity: 'low',
    description: 'The published release has no sdist, so it is judged by its wheels: low when the previous release had one (source builds, and platforms no wheel serves, have nothing to install), info when neither had.',
    check: ({ withoutSdist, metadata }) => {
        if (!withoutSdist)
            return [];
        const release = `${metadata.name} ${metadata.version}`;
        if (withoutSdist.judgedAlone)
            return [{ severity: 'info', message: `${release} publishes no sdist: judged by its wheels` }];
        if (!withoutSdist.previousSdist)
            return [
                {
                    severity: 'info',
                    message: `${release} publishes no sdist, nor did the previous release: judged by its wheels`
                }
            ];
        return [
            {
                message: `${release} publishes no sdist (the previous release had ${withoutSdist.previousSdist}): judged by its wheels; source builds, and platforms no wheel serves, have nothing to install`
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/judge/requires-python.ts



/** What the Requires-Python change means; nothing when either side is not a valid specifier set. */
function pythonChange({ metadata }) {
    const [before, after] = [metadata.previous.requiresPython, metadata.current.requiresPython];
    const was = before ? before.specifier : SpecifierSet.ANY;
    const is = after ? after.specifier : SpecifierSet.ANY;
    if (!was || !is)
        return undefined;
    return {
        ...comparePythonSupport(was, is),
        change: `Requires-Python ${before?.text || '(any)'} → ${after?.text || '(any)'}`
    };
}
/** `Programming Language :: Python :: 3.9` dropped along with every 3.9: the same change. */
function droppedPythonClassifiers({ metadata }) {
    const allowed = metadata.current.requiresPython?.specifier;
    if (!allowed)
        return [];
    return removedClassifiers(metadata).filter(classifier => {
        const minor = /^Programming Language :: Python :: (\d+\.\d+)$/.exec(classifier)?.[1];
        return (minor !== undefined && !allowed.contains(`${minor}.0`) && !allowed.contains(`${minor}.999`));
    });
}
const requiresPythonNarrowed = {
    id: 'requires-python-narrowed',
    defaultSeverity: 'high',
    description: 'A Python version allowed before is not allowed now (summarised by minor, patch level included): its users silently stay on the old release. Info when only Pythons that do not exist yet (4.0 and later) are dropped.',
    check: context => {
        const change = pythonChange(context);
        if (!change?.lost)
            return [];
        return [
            {
                message: `${change.lost} (${change.change})`,
                ...(change.lostOnlyFuture && { severity: 'info' }),
                covers: droppedPythonClassifiers(context).map(classifierSubject)
            }
        ];
    }
};
const requiresPythonWidened = {
    id: 'requires-python-widened',
    defaultSeverity: 'info',
    description: 'A Python version not allowed before is allowed now.',
    check: context => {
        const change = pythonChange(context);
        return change?.gained ? [{ message: `${change.gained} (${change.change})` }] : [];
    }
};

;// CONCATENATED MODULE: ./src/judge/secret-added.ts


/**
 * A private key in tests, docs or examples (requests' and urllib3's TLS fixtures, Pygments' sample
 * files) is almost always made for the tests: shown, low, and not a reason to stop the release. Token
 * formats stay high everywhere, since no test needs a live token.
 */
function isTestFixtureKey(path, kind) {
    return DEVELOPER_ONLY(path) && /private key/i.test(kind);
}
const SHOWN_LINES = 5;
/** `line 3`, `lines 3, 9`, or `lines 3, 4, 5, 6, 7 and 4,995 more`: a value on many lines, bounded. */
function linesOf(lines) {
    if (lines.length === 1)
        return `line ${lines[0]}`;
    const shown = lines.slice(0, SHOWN_LINES).join(', ');
    const more = lines.length - SHOWN_LINES;
    return more > 0 ? `lines ${shown} and ${more.toLocaleString('en-US')} more` : `lines ${shown}`;
}
const secretAdded = {
    id: 'secret-added',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'A file the release adds or changes holds a secret (private key, cloud or service token, password-like value), or a file it adds is named by one; the value is redacted from every output. A private key in tests, docs or examples is low.',
    check: ({ secrets, archive: current }) => secrets.map(({ path, lines, kind }) => {
        const fixture = isTestFixtureKey(path, kind);
        // Line 0: the file's name is the secret (see analyse).
        const where = lines[0] === 0 ? `${path}: ${kind} in its file name` : `${path} ${linesOf(lines)}: ${kind}`;
        return {
            path,
            message: fixture
                ? `${where} (value redacted) in a test or documentation file, where keys are usually made for the tests; it would be published with the release`
                : `${where} (value redacted); it would be published with the release`,
            ...(fixture && { severity: 'low' }),
            // It speaks for sensitive-file-added's file too (that rule leaves such files to this one).
            ...(isSensitiveFile(path, current.entries.get(path)) && { covers: [path] })
        };
    })
};

;// CONCATENATED MODULE: ./src/judge/source-rules.ts


/** Folders whose code only runs when someone runs the tests or builds the docs. */
const NOT_SHIPPED_CODE = /^(?:tests?|testing|docs?|examples?|benchmarks?)\//;
/** Code an install or an import runs: setup.py, a .pth, a module outside tests and docs. */
function runsOnInstallOrImport(path) {
    if (path === 'setup.py' || path.endsWith('.pth'))
        return true;
    return path.endsWith('.py') && !NOT_SHIPPED_CODE.test(path);
}
const isPython = (path) => path.endsWith('.py') || path.endsWith('.pyi');
const fileNotInSource = {
    id: 'file-not-in-source',
    defaultSeverity: 'medium',
    scope: 'current',
    description: 'A file in the sdist that git does not track at the commit it was built from, and no build backend writes: never committed, or written by a build step. High for code that runs (a module, setup.py, a .pth) or a sensitive file.',
    check: ({ source, archive: current }) => (source?.notInSource ?? []).map(path => ({
        path,
        message: `${path} is in the sdist but not in git at ${source?.against}: it was never committed, or the build wrote it`,
        ...((runsOnInstallOrImport(path) || isSensitiveFile(path, current.entries.get(path))) && {
            severity: 'high'
        })
    }))
};
const sourceFileMissing = {
    id: 'source-file-missing',
    defaultSeverity: 'low',
    scope: 'current',
    description: 'A file git tracks under the package’s import folders that the sdist leaves out (a MANIFEST or include rule dropped it); medium when the previous release shipped it.',
    check: ({ source }) => (source?.missing ?? []).map(({ path, shippedBefore }) => ({
        path,
        message: `${path} is tracked in git at ${source?.against} but not in the sdist${shippedBefore ? '; the previous release shipped it' : ''}`,
        ...(shippedBefore && { severity: 'medium' })
    }))
};
const fileDiffersFromSource = {
    id: 'file-differs-from-source',
    defaultSeverity: 'medium',
    scope: 'current',
    description: 'A tracked file whose bytes in the sdist differ from the commit: an uncommitted edit, or a build step that rewrote it (known backend rewrites such as setup.cfg excepted). High for Python code.',
    check: ({ source }) => (source?.differs ?? []).map(path => ({
        path,
        message: `${path} in the sdist differs from ${path} in git at ${source?.against}: an uncommitted edit, or the build rewrote it`,
        ...(isPython(path) && { severity: 'high' })
    }))
};
const versionTagMismatch = {
    id: 'version-tag-mismatch',
    defaultSeverity: 'high',
    scope: 'current',
    description: 'The release tag (`v1.2.3`, `1.2.3`, `name-1.2.3`, `name-v1.2.3`) names another version than the sdist’s, after PEP 440 normalisation.',
    check: ({ tag, metadata }) => {
        // PEP 440 equality: tag 1.1.0 names release 1.1.
        if (!tag || compareVersions(tag.version, metadata.version) === 0)
            return [];
        return [
            {
                message: `tag ${tag.tag} names version ${tag.version} but the sdist is version ${metadata.version}: the tag and the release disagree`
            }
        ];
    }
};
/** Files the published release holds that its tag lacks, and Python code that differs from it. */
function unexplained(comparison) {
    return [...comparison.notInSource, ...comparison.differs.filter(isPython)];
}
const releaseDiffersFromTag = {
    id: 'release-differs-from-tag',
    defaultSeverity: 'high',
    description: 'The previous release (from the index or a file) holds files its version’s tag does not, or Python code that differs from it: it was not built from the repository.',
    check: ({ previousAtTag, metadata }) => {
        if (!previousAtTag)
            return [];
        const files = unexplained(previousAtTag);
        if (!files.length)
            return [];
        const shown = files.slice(0, 10).join(', ') + (files.length > 10 ? `, … (${files.length - 10} more)` : '');
        return [
            {
                message: `the previous release ${metadata.previous.version} holds files that are not in its ${previousAtTag.against} or differ from it: ${shown}; it was not built from the repository`
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/analysis/modules.ts
/**
 * Python module names of an archive's files: `src/` layouts are installed without the `src/` folder,
 * and a wheel's paths are already install paths.
 */
/** `src/pkg/sub/__init__.py` → `pkg.sub`; `pkg/helpers.py` → `pkg.helpers`; undefined for a non-module. */
function moduleName(path) {
    if (!path.endsWith('.py'))
        return undefined;
    const parts = path
        .replace(/^src\//, '')
        .replace(/\.py$/, '')
        .split('/');
    if (parts[parts.length - 1] === '__init__')
        parts.pop();
    if (!parts.length || !parts.every(part => /^[A-Za-z_]\w*$/.test(part)))
        return undefined;
    return parts.join('.');
}
/** The top-level import package (or single module) a file belongs to: `src/pkg/x.py` → `pkg`. */
function importPackage(path) {
    const inside = path.replace(/^src\//, '');
    const top = inside.split('/')[0] ?? inside;
    return inside.includes('/') ? top : top.replace(/\.py$/, '');
}
/** The package a module's relative imports start from: the module's own for `__init__.py`. */
function packageOf(path) {
    const name = moduleName(path);
    if (name === undefined)
        return undefined;
    if (path.endsWith('/__init__.py') || path === '__init__.py')
        return name;
    return name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
}
/**
 * The import packages an archive holds: top-level folders with an `__init__.py` somewhere below (a
 * namespace package has them only in its leaves), and top-level modules. A `scripts/` folder of
 * developer tasks is none.
 */
function importPackages(paths) {
    const packages = new Set();
    for (const path of paths) {
        const inside = path.replace(/^src\//, '');
        if (/\/__init__\.py$/.test(inside) || (!inside.includes('/') && inside.endsWith('.py')))
            packages.add(importPackage(path));
    }
    return packages;
}

;// CONCATENATED MODULE: ./src/judge/suspicious-code.ts

const DOES = {
    'decode-execute': 'decodes and executes data',
    'download-execute': 'downloads and runs code',
    network: 'opens a network connection',
    process: 'spawns a process',
    environment: 'sends or writes out the whole environment (os.environ)',
    'source-encoding': 'declares a source encoding other than UTF-8, ASCII or Latin-1 (PEP 263), so Python runs other text than a reviewer reads',
    unread: 'is too large for the code analysis and the secret scan to read: none of its code was checked'
};
const WHEN = {
    build: 'at build time: it runs on every machine that builds or installs this sdist',
    import: 'at import time: it runs on every machine that imports the package',
    run: 'when called'
};
/**
 * "pkg/__init__.py:5 decodes and executes data (exec) at import time: …"; for a behaviour reached
 * through the package's own functions, the calls that lead to it from module level.
 */
function describeCode(f) {
    const when = WHEN[f.runsAt];
    if (!f.via?.length)
        return `${f.path}:${f.line} ${DOES[f.behaviour]} (${f.call}) ${when}`;
    const [at, consequence] = when.split(': ');
    const chain = f.via
        .map(step => `\`${step.callee.replace(/^.*\./, '')}()\` at ${step.path}:${step.line}`)
        .join(' → ');
    return `${f.path}:${f.line} ${DOES[f.behaviour]} (${f.call}) ${at} via ${chain}: ${consequence}`;
}
const suspiciousCode = {
    id: 'suspicious-code',
    scope: 'current',
    defaultSeverity: 'high',
    description: "New Python code (read with a real parser, imports resolved, by-name imports and aliases too, decoded as Python decodes it) that decodes and executes data anywhere, or downloads and runs code, opens connections, spawns processes, sends the environment or declares an unusual source encoding (PEP 263) at build or import time, also through the package's own functions that import-time code calls (at most 3 calls deep).",
    check: ({ code }) => code.suspicious.map(f => ({ path: f.path, message: describeCode(f) }))
};
const capabilityAdded = {
    id: 'capability-added',
    scope: 'current',
    defaultSeverity: 'medium',
    description: 'An import package gains at run time a kind of behaviour (network, processes, environment, downloading and running code) that none of its modules had in the previous release.',
    check: ({ code }) => code.capabilitiesAdded.map(f => ({
        path: f.path,
        message: `new capability: ${describeCode(f)}; no module of ${topPackage(f.path)} in the previous release did this`
    }))
};
const topPackage = (path) => `\`${importPackage(path)}\``;

;// CONCATENATED MODULE: ./src/judge/project-urls-changed.ts
/** PEP 753: labels compare lower-cased without punctuation or spaces (`Home-page` is `homepage`). */
const labelKey = (label) => label.toLowerCase().replace(/[^a-z0-9]/g, '');
const PEP_753_ALIASES = { download: 'downloadurl' };
const normalLabel = (label) => {
    const key = labelKey(label);
    return PEP_753_ALIASES[key] ?? key;
};
/** `https://x/` and `https://x` are one page. */
const urlKey = (url) => url.trim().replace(/\/+$/, '').toLowerCase();
const project_urls_changed_show = (link) => `${link.label} ${link.url}`;
/** Pairs links by label first (a new URL for the docs), then by URL (a new label for the same page). */
function compareLinks(before, after, versionBumped) {
    const left = [...before];
    const right = [...after];
    const take = (alike) => {
        const pairs = [];
        for (const old of [...left]) {
            const index = right.findIndex(now => alike(old, now));
            if (index < 0)
                continue;
            pairs.push([old, ...right.splice(index, 1)]);
            left.splice(left.indexOf(old), 1);
        }
        return pairs;
    };
    const sameLabel = (a, b) => normalLabel(a.label) === normalLabel(b.label);
    // The same link, or the docs of this version where the previous linked the docs of its own.
    take((a, b) => sameLabel(a, b) && (urlKey(a.url) === urlKey(b.url) || versionBumped(a, b)));
    const relabelled = take((a, b) => urlKey(a.url) === urlKey(b.url));
    const changed = take(sameLabel);
    return { dropped: left, added: right, changed, relabelled };
}
const projectUrlsChanged = {
    id: 'project-urls-changed',
    defaultSeverity: 'low',
    description: 'Home-page, Download-URL or Project-URL links were dropped: the index page loses them (low); links added, relabelled or pointing elsewhere are info.',
    check: ({ metadata }) => {
        const { previous, current } = metadata;
        const { dropped, added, changed, relabelled } = compareLinks(previous.core.links, current.core.links, (a, b) => previous.version !== '' &&
            urlKey(a.url.split(previous.version).join(current.version)) === urlKey(b.url));
        const parts = [
            ...(dropped.length ? [`dropped from the index page: ${dropped.map(project_urls_changed_show).join(', ')}`] : []),
            ...changed.map(([old, now]) => `${old.label} now ${now.url} (was ${old.url})`),
            ...relabelled.map(([old, now]) => `${old.label} now labelled ${now.label}`),
            ...(added.length ? [`new: ${added.map(project_urls_changed_show).join(', ')}`] : [])
        ];
        if (!parts.length)
            return [];
        return [
            {
                message: `project links changed: ${parts.join('; ')}`,
                ...(!dropped.length && { severity: 'info' })
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/judge/pth-file-added.ts

/**
 * A `.pth` file in site-packages is read at every interpreter start; a line that starts with `import` is
 * executed then (the technique of several malicious releases). Plain lines only extend sys.path.
 */
const pthFileAdded = {
    id: 'pth-file-added',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'A new or changed .pth file: high when a line starts with `import` (it runs at every Python start), low for plain path lines.',
    check: ({ changed, archive: current }) => changed
        .filter(path => path.endsWith('.pth'))
        .map(path => {
        const lines = ((0,decode_text/* entryText */.u0)(current.entries.get(path)) ?? '').split(/\r?\n/);
        const index = lines.findIndex(line => /^import[\s\t]/.test(line));
        return index >= 0
            ? {
                path,
                message: `${path}:${index + 1} starts with "import": Python executes it at every interpreter start once installed`
            }
            : {
                path,
                severity: 'low',
                message: `${path} adds import paths (sys.path entries) at every interpreter start`
            };
    })
};

;// CONCATENATED MODULE: ./src/acquire/provenance.ts


/**
 * The file's provenance from the index: none listed is "not attested". Sigstore signatures are not
 * verified here (the index verified them at upload); each statement's subject is checked against the
 * file the index serves.
 */
async function fetchProvenance(file, retry, fetcher) {
    const none = { filename: file.filename, publishers: [], mismatches: [] };
    if (!file.provenance)
        return none;
    const shown = withoutCredentials(file.provenance);
    try {
        const response = await fetchWithRetry(file.provenance, { Accept: 'application/vnd.pypi.integrity.v1+json, application/json' }, retry, fetcher);
        if (!response.ok) {
            await response.body?.cancel();
            return { ...none, unavailable: `${shown} answered HTTP ${response.status}` };
        }
        return readProvenance(JSON.parse(await readText(response, file.provenance, retry)), file);
    }
    catch (error) {
        return { ...none, unavailable: `${shown}: ${error.message}` };
    }
}
/** A provenance object: `{version: 1, attestation_bundles: [{publisher, attestations}]}`. */
function readProvenance(object, file) {
    const bundles = object.attestation_bundles;
    if (!Array.isArray(bundles))
        throw new Error('not a PEP 740 provenance object');
    const publishers = [];
    const mismatches = [];
    for (const bundle of bundles) {
        const publisher = readPublisher(bundle.publisher);
        let attests = false;
        for (const attestation of bundle.attestations ?? []) {
            const problem = subjectProblem(attestation.envelope?.statement, file);
            if (problem)
                mismatches.push(problem);
            else
                attests = true;
        }
        if (attests && publisher)
            publishers.push(publisher);
    }
    return { filename: file.filename, publishers, mismatches };
}
function readPublisher(value) {
    if (!value || typeof value.kind !== 'string')
        return undefined;
    const text = (key) => typeof value[key] === 'string' ? value[key] : undefined;
    const [repository, workflow, environment] = [
        text('repository') ?? text('project'),
        text('workflow') ?? text('workflow_filepath'),
        text('environment')
    ];
    return {
        kind: value.kind,
        ...(repository && { repository }),
        ...(workflow && { workflow }),
        ...(environment && { environment })
    };
}
/** Why an in-toto statement does not speak for the file, or undefined when it names it and its digest. */
function subjectProblem(statement, file) {
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(String(statement), 'base64').toString('utf8'));
    }
    catch {
        return `an attestation of ${file.filename} holds no readable in-toto statement`;
    }
    const subjects = Array.isArray(parsed.subject) ? parsed.subject : [];
    const named = subjects.find(s => s.name === file.filename);
    if (!named) {
        const names = subjects.map(s => String(s.name)).join(', ') || 'nothing';
        return `an attestation served for ${file.filename} is a statement about ${names}`;
    }
    const digest = String(named.digest?.sha256 ?? '').toLowerCase();
    if (file.sha256 && digest !== file.sha256)
        return `an attestation of ${file.filename} names SHA-256 ${digest.slice(0, 16)}…, but the index serves ${file.sha256.slice(0, 16)}…`;
    return undefined;
}
/** "GitHub pallets/click, publish.yaml" */
function describePublisher(publisher) {
    const where = [publisher.repository, publisher.workflow].filter(Boolean).join(', ');
    return where ? `${publisher.kind} ${where}` : publisher.kind;
}

;// CONCATENATED MODULE: ./src/judge/provenance-rules.ts

const attested = (side) => side !== undefined && !side.unavailable && side.publishers.length > 0;
const samePublisher = (a, b) => a.kind === b.kind &&
    a.repository?.toLowerCase() === b.repository?.toLowerCase() &&
    a.workflow === b.workflow;
const provenanceLost = {
    id: 'provenance-lost',
    scope: 'current',
    defaultSeverity: 'high',
    description: "The previous release's files were attested by a Trusted Publisher (PEP 740) and this release's are not: what an upload with a stolen token looks like.",
    check: ({ provenance }) => {
        const { previous, current } = provenance ?? {};
        if (!previous || !attested(previous) || !current || current.unavailable || attested(current))
            return [];
        const was = previous.publishers.map(describePublisher).join('; ');
        return [
            {
                message: `${current.filename} carries no attestation, but the previous release ${previous.filename} was published by ${was}: was it uploaded outside the project's release workflow?`
            }
        ];
    }
};
const publisherChanged = {
    id: 'publisher-changed',
    scope: 'current',
    defaultSeverity: 'high',
    description: "The Trusted Publisher's repository or workflow differs between the releases; in the Action, a previous release published from another GitHub repository than the workflow's is medium (a fork, or a project that moved).",
    check: ({ provenance }) => {
        const { previous, current, repository } = provenance ?? {};
        if (!previous || !attested(previous))
            return [];
        const [before] = previous.publishers;
        if (current && attested(current)) {
            const [now] = current.publishers;
            if (!before || !now || current.publishers.some(p => samePublisher(p, before)))
                return [];
            return [
                {
                    message: `published by ${describePublisher(now)}; the previous release by ${describePublisher(before)}`
                }
            ];
        }
        if (current || !repository || !before?.repository)
            return [];
        if (before.repository.toLowerCase() === repository.toLowerCase())
            return [];
        return [
            {
                severity: 'medium',
                message: `the previous release ${previous.filename} was published by ${describePublisher(before)}, not from ${repository} where this workflow runs: a fork, or a project that moved?`
            }
        ];
    }
};
const attestationMismatch = {
    id: 'attestation-mismatch',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'An attestation the index serves for a file is a statement about another file or another SHA-256 than the file it serves.',
    check: ({ provenance }) => [provenance?.previous, provenance?.current].flatMap(side => (side?.mismatches ?? []).map(message => ({ message })))
};

// EXTERNAL MODULE: ./src/packaging/wheel-tags.ts
var wheel_tags = __nccwpck_require__(4264);
;// CONCATENATED MODULE: ./src/acquire/sdist-filename.ts



/**
 * The version in an sdist file name, for both PEP 625 (`backend_ai_kernel_helper-24.3.0rc3.tar.gz`) and
 * legacy names whose project part holds dashes or dots (`backend.ai-kernel-helper-24.3.0rc3.tar.gz`).
 */
function sdistVersion(filename, project) {
    if (!filename.endsWith('.tar.gz'))
        return undefined;
    const stem = filename.slice(0, -'.tar.gz'.length);
    const wanted = normalizeName(project);
    for (let dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
        const version = stem.slice(dash + 1);
        if (normalizeName(stem.slice(0, dash)) === wanted && isValidVersion(version))
            return version;
    }
    return undefined;
}
/**
 * Name and version from a PEP 625 file name (`demo_pkg-1.2.tar.gz`: normalised name with underscores,
 * one dash, a normalised version); undefined for anything else, which must be read to be named.
 */
function pep625Identity(file) {
    const match = /^([a-z0-9]+(?:_[a-z0-9]+)*)-([^-/]+)\.tar\.gz$/.exec(file.split('/').pop() ?? '');
    if (!match?.[1] || !match[2] || !isValidVersion(match[2]))
        return undefined;
    if (normalizeVersion(match[2]) !== match[2])
        return undefined;
    return { name: match[1], version: match[2] };
}
function isWheelFile(file) {
    return file.endsWith('.whl');
}
function wheelName(file) {
    const parts = (file.split('/').pop() ?? '').replace(/\.whl$/, '').split('-');
    if (parts.length !== 5 && parts.length !== 6)
        return undefined;
    const [name = '', version = ''] = parts;
    const tags = (0,wheel_tags/* tagsFromFilename */.lM)(file.split('/').pop() ?? '').sort();
    if (!isValidVersion(version) || !tags.length)
        return undefined;
    return { file, name, version, tags };
}

;// CONCATENATED MODULE: ./src/judge/pypi-would-reject.ts





/** The Metadata-Versions the core metadata specification defines. */
const KNOWN_METADATA_VERSIONS = new Set(['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4', '2.5']);
/** What PyPI refuses on upload, each with the rule of the spec it breaks. */
function uploadProblems(metadata, sdist) {
    const problems = [];
    const { name, version, metadataVersion } = metadata;
    const parsed = Version.parse(version);
    if (metadataVersion !== undefined && !KNOWN_METADATA_VERSIONS.has(metadataVersion))
        problems.push(`Metadata-Version ${metadataVersion} is not one the core metadata specification defines`);
    if (!isValidName(name))
        problems.push(`Name "${name}" is not a valid project name (core metadata, PEP 508 names)`);
    if (!parsed)
        problems.push(`Version "${version}" is not a valid PEP 440 version`);
    else if (parsed.local !== undefined)
        problems.push(`Version ${version} has a local part (+${parsed.local}): PEP 440 forbids local versions on public indexes`);
    if (metadata.license !== undefined && metadata.licenseExpression !== undefined)
        problems.push('License and License-Expression are both set: PEP 639 forbids License alongside License-Expression');
    if (metadata.licenseExpression !== undefined && !validSpdx(metadata.licenseExpression))
        problems.push(`License-Expression "${metadata.licenseExpression}" is not a valid SPDX expression (PEP 639)`);
    return problems.concat(nameDisagreements(metadata, sdist, parsed));
}
function validSpdx(expression) {
    try {
        spdx_expression_parse_default()(expression);
        return true;
    }
    catch {
        return false;
    }
}
/** PEP 625: the file name and the root folder are `{name}-{version}` of the sdist's own Name and Version. */
function nameDisagreements(metadata, sdist, parsed) {
    if (!parsed)
        return [];
    const problems = [];
    const check = (what, stem) => {
        if (!stem.includes('-'))
            return; // not named like an sdist at all (standard input, a FIFO)
        const named = sdistVersion(`${stem}.tar.gz`, metadata.name);
        const same = named !== undefined && Version.parse(named)?.equals(parsed);
        if (!same)
            problems.push(`${what} "${stem}" does not name ${normalizeName(metadata.name)} ${parsed.text} (PEP 625: {name}-{version} of the sdist's Name and Version)`);
    };
    const filename = (0,external_node_path_.basename)(sdist.file);
    if (filename.endsWith('.tar.gz'))
        check('the file name', filename.slice(0, -'.tar.gz'.length));
    if (filename.endsWith('.whl'))
        check('the file name', filename.split('-').slice(0, 2).join('-'));
    if (sdist.root)
        check('the root folder', sdist.root);
    if (sdist.wheel)
        check('the .dist-info folder', sdist.wheel.distInfo.replace(/\.dist-info$/, ''));
    return problems;
}
const pypiWouldReject = {
    id: 'pypi-would-reject',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'PyPI would refuse the upload: a local version, License with License-Expression, an invalid SPDX expression, an unknown Metadata-Version, an invalid name or version, or a file name / root folder that disagrees with Name and Version (PEP 625).',
    check: ({ metadata, archive: current }) => uploadProblems(metadata, current).map(message => ({
        message: `PyPI would reject the upload: ${message}`
    }))
};

;// CONCATENATED MODULE: ./src/judge/unsafe-archive-entry.ts
const unsafeArchiveEntry = {
    id: 'unsafe-archive-entry',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'The current sdist holds an entry an extractor could abuse: absolute or ".." paths, links out of the root, devices, duplicates.',
    check: ({ archive: current }) => current.unsafe.map(({ path, reason }) => ({ path, message: `${path}: ${reason}` }))
};

;// CONCATENATED MODULE: ./src/judge/version-changed.ts

const versionChanged = {
    id: 'version-changed',
    defaultSeverity: 'info',
    description: 'The version went up; the finding names the kind of step (pre-release, final, patch, minor, major).',
    check: ({ metadata }) => {
        const before = metadata.previous.version;
        const after = metadata.current.version;
        if ((compareVersions(after, before) ?? 0) <= 0)
            return [];
        return [{ message: `version ${before} → ${after}: ${describeVersionStep(before, after)}` }];
    }
};

;// CONCATENATED MODULE: ./src/judge/version-not-increased.ts


const versionNotIncreased = {
    id: 'version-not-increased',
    defaultSeverity: 'high',
    description: 'The current version is not greater than the previous one in PEP 440 order, or is not a valid PEP 440 version. Silent when both sdists hold identical files (a rebuild of the same release).',
    check: ({ metadata, files }) => {
        if (!hasFileChanges(files))
            return [];
        const before = metadata.previous.version;
        const after = metadata.current.version;
        if (!isValidVersion(after)) {
            return [{ message: `version "${after}" is not a valid PEP 440 version: PyPI will refuse it` }];
        }
        const order = compareVersions(after, before);
        if (order === undefined || order > 0)
            return [];
        if (order < 0) {
            return [
                {
                    message: `version ${after} is lower than the previous ${before}: pip keeps installing ${before}`
                }
            ];
        }
        const spelling = before === after ? '' : ` (${before} and ${after} are the same PEP 440 version)`;
        return [
            {
                message: `version ${after} is the same as the previous release${spelling}: PyPI refuses re-uploads`
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/compare/wheel-folders.ts
/**
 * A wheel's `.dist-info` and `.data` folders are named with its version, as an sdist's root folder is:
 * the previous wheel's are renamed to the current's, so that METADATA pairs with METADATA and a release
 * is not one rename per metadata file.
 */
function alignWheelFolders(previous, current) {
    if (!previous.wheel || !current.wheel || previous.wheel.distInfo === current.wheel.distInfo)
        return previous;
    const renames = [
        [previous.wheel.distInfo, current.wheel.distInfo],
        [dataFolder(previous.wheel.distInfo), dataFolder(current.wheel.distInfo)]
    ];
    const moved = (path) => {
        for (const [from, to] of renames)
            if (path.startsWith(`${from}/`))
                return to + path.slice(from.length);
        return path;
    };
    const entries = new Map();
    for (const [path, entry] of previous.entries) {
        const to = moved(path);
        entries.set(to, to === path ? entry : { ...entry, path: to });
    }
    return { ...previous, entries, wheel: { ...previous.wheel, distInfo: current.wheel.distInfo } };
}
/** `demo-1.0.dist-info` → `demo-1.0.data` (scripts, headers and data installed outside the package). */
function dataFolder(distInfo) {
    return distInfo.replace(/\.dist-info$/, '.data');
}

;// CONCATENATED MODULE: ./src/compare/wheel-sdist.ts



/** Sources a build compiles (or byte code it writes): not expected in the wheel as they are. */
const BUILD_SOURCE = /\.(?:c|cc|cpp|cxx|h|hh|hpp|pyx|pxd|pxi|rs|f|f90|go|cu|i|swg|pyc|pyo)$/;
/**
 * Files of the sdist's import packages that the wheel does not hold. The packages are the top-level
 * folders at the root or under `src/` that the wheel also ships, lists in `top_level.txt`, or that are
 * named after the project; the wheel may hold them at its root or under `<name>.data/purelib|platlib/`.
 */
function missingFromWheel(sdist, wheel) {
    if (!wheel.wheel)
        return [];
    const shipped = wheel_sdist_importPackages(wheel);
    const inWheel = (path) => wheelHolds(wheel, path);
    const marked = markedFolders(wheel);
    const missing = [];
    for (const [path, entry] of sdist.entries) {
        if (entry.type !== 'file')
            continue;
        const installed = path.startsWith('src/') ? path.slice(4) : path;
        const top = installed.split('/')[0] ?? '';
        if (!installed.includes('/') || !shipped.has(top))
            continue;
        // Tests, docs and tooling, build sources and notes are left out of wheels on purpose.
        if (DEVELOPER_ONLY(installed) || BUILD_SOURCE.test(installed) || /\.egg-info\//.test(path))
            continue;
        if (NOTE_OR_LICENCE.test(installed) || markedByAncestor(installed, marked))
            continue;
        if (!inWheel(installed))
            missing.push({ path, installed });
    }
    return missing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** Whether a wheel installs `path`: at its root, or under `<name>.data/purelib|platlib/`. */
function wheelHolds(wheel, path) {
    const data = dataFolder(wheel.wheel?.distInfo ?? '');
    return (wheel.entries.has(path) ||
        wheel.entries.has(`${data}/purelib/${path}`) ||
        wheel.entries.has(`${data}/platlib/${path}`));
}
/**
 * A subpackage's `py.typed` under a package whose own `py.typed` the wheel has: PEP 561 reads the
 * marker of the top package, so the inner one changes nothing (pip's vendored libraries). Each marked
 * folder is one prefix test, linear in the path's length (building each ancestor's path would not be).
 */
function markedByAncestor(installed, marked) {
    if (!installed.endsWith('/py.typed'))
        return false;
    return marked.some(folder => installed.startsWith(`${folder}/`) && installed !== `${folder}/py.typed`);
}
/** The folders the wheel installs a `py.typed` in (at its root or under purelib/platlib). */
function markedFolders(wheel) {
    const data = dataFolder(wheel.wheel?.distInfo ?? '');
    const schemes = [`${data}/purelib/`, `${data}/platlib/`];
    return [...wheel.entries.keys()]
        .filter(path => path.endsWith('/py.typed'))
        .map(path => {
        const scheme = schemes.find(prefix => path.startsWith(prefix)) ?? '';
        return path.slice(scheme.length, -'/py.typed'.length);
    });
}
/** The top-level import names a wheel speaks for: what it ships, top_level.txt, and the project name. */
function wheel_sdist_importPackages(wheel) {
    const names = new Set();
    const distInfo = wheel.wheel?.distInfo ?? '';
    for (const path of wheel.entries.keys()) {
        const top = path.split('/')[0] ?? '';
        if (path.includes('/') && !top.endsWith('.dist-info') && !top.endsWith('.data'))
            names.add(top);
    }
    const topLevel = (0,decode_text/* entryText */.u0)(wheel.entries.get(`${distInfo}/top_level.txt`)) ?? '';
    for (const line of topLevel.split(/\r?\n/))
        if (line.trim())
            names.add(line.trim());
    const project = distInfo.replace(/-[^-]*\.dist-info$/, '');
    if (project)
        names.add(project.toLowerCase());
    return names;
}

;// CONCATENATED MODULE: ./src/judge/wheel-rules.ts





/** Lists past this many are one finding naming the first few. */
const LIST_LIMIT = 5;
const TAG_RULE = {
    id: 'wheel-tag-changed',
    defaultSeverity: 'high',
    description: "The Pythons and platforms a release's wheels install on shrank (high: py3-none-any → cp312-cp312-manylinux_2_17_x86_64, or a platform's wheel no longer built) or grew (info); Root-Is-Purelib flips are named."
};
/** Two wheels side by side (the pair form), and a Root-Is-Purelib flip between same-tag wheels. */
const wheelTagChanged = {
    ...TAG_RULE,
    check: ({ previous, current, releaseTags }) => {
        if (!previous.wheel || !current.wheel)
            return [];
        const before = previous.wheel.tags;
        const after = current.wheel.tags;
        const purelib = previous.wheel.rootIsPurelib !== current.wheel.rootIsPurelib &&
            previous.wheel.rootIsPurelib !== undefined &&
            current.wheel.rootIsPurelib !== undefined
            ? `; Root-Is-Purelib ${previous.wheel.rootIsPurelib} → ${current.wheel.rootIsPurelib} (installed into ${current.wheel.rootIsPurelib ? 'purelib' : 'platlib'})`
            : '';
        if (purelib && before.join() === after.join())
            return [{ severity: 'low', message: `wheel tags ${after.join(', ')} unchanged${purelib}` }];
        // In a release, the tags are judged once for all its wheels, under the sdist (releaseWheelTags).
        if (releaseTags)
            return [];
        return tagChange(before, after, purelib, { loses: 'this wheel', gains: 'the wheel' });
    }
};
/** A release's wheels together against the previous release's: a platform no longer built is a loss. */
const releaseWheelTags = {
    ...TAG_RULE,
    scope: 'current',
    check: ({ releaseWheels }) => releaseWheels
        ? tagChange(releaseWheels.previous, releaseWheels.current, '', {
            loses: 'a wheel of the release',
            gains: "the release's wheels"
        })
        : []
};
function tagChange(before, after, purelib, what) {
    const lost = (0,wheel_tags/* uncovered */.KY)(before, after);
    const gained = (0,wheel_tags/* uncovered */.KY)(after, before);
    const change = `wheel tags ${before.join(', ') || 'none'} → ${after.join(', ') || 'none'}`;
    if (lost.length) {
        const why = before.some(wheel_tags/* isPure */.rC) && !after.some(wheel_tags/* isPure */.rC) ? 'the pure wheel became platform-specific: ' : '';
        return [
            {
                message: `${change}: ${why}installs matching only ${lost.join(', ')} no longer get ${what.loses} (pip falls back to the sdist and builds it, or fails)${purelib}`
            }
        ];
    }
    if (gained.length)
        return [
            {
                severity: 'info',
                message: `${change}: ${what.gains} install on more Pythons or platforms (${gained.join(', ')})${purelib}`
            }
        ];
    return [];
}
const wheelRecordInvalid = {
    id: 'wheel-record-invalid',
    scope: 'current',
    defaultSeverity: 'high',
    description: 'A file of the wheel does not match RECORD (hash or size), is missing from it, or RECORD lists a file the wheel lacks: the wheel changed after it was built.',
    check: ({ archive: current }) => {
        const problems = current.wheel?.recordProblems ?? [];
        if (problems.length <= LIST_LIMIT)
            return problems.map(({ path, problem }) => ({ path, message: `${path}: ${problem}` }));
        const shown = problems.slice(0, LIST_LIMIT).map(p => `${p.path} (${p.problem})`);
        return [
            {
                message: `${problems.length} files contradict RECORD: ${shown.join('; ')}, … (${problems.length - LIST_LIMIT} more)`,
                covers: problems.map(p => p.path)
            }
        ];
    }
};
const wheelMetadataMismatch = {
    id: 'wheel-metadata-mismatch',
    scope: 'current',
    defaultSeverity: 'high',
    description: "The wheel's METADATA and its own sdist's PKG-INFO disagree on Name, Version, Requires-Python, Requires-Dist, extras or entry points (fields the sdist declares Dynamic excepted).",
    check: ({ metadata, ownSdist }) => {
        if (!ownSdist)
            return [];
        const sdist = ownSdist.metadata;
        const dynamic = new Set(sdist.core.dynamic);
        return metadataDifferences(metadata, sdist)
            .filter(d => !dynamic.has(d.field.toLowerCase()))
            .map(d => {
            const where = d.field === 'Requires-Dist' ? sdist.requirementsSource : 'PKG-INFO';
            return {
                message: `the wheel's METADATA says ${d.field} ${d.wheel} but the sdist's ${where} says ${d.sdist}: the wheel was not built from this sdist's sources (a stale build?)`
            };
        });
    }
};
function metadataDifferences(wheel, sdist) {
    const out = [];
    const add = (field, w, s) => out.push({ field, wheel: w, sdist: s });
    if (normalizeName(wheel.name) !== normalizeName(sdist.name))
        add('Name', wheel.name, sdist.name);
    if (compareVersions(wheel.version, sdist.version) !== 0)
        add('Version', wheel.version, sdist.version);
    if (!sameRequiresPython(wheel.requiresPython, sdist.requiresPython))
        add('Requires-Python', quote(wheel.requiresPython?.text), quote(sdist.requiresPython?.text));
    if (!sameRequirements(wheel.requirements, sdist.requirements))
        add('Requires-Dist', requirementList(wheel), requirementList(sdist));
    if (wheel.extras.join() !== sdist.extras.join())
        add('Provides-Extra', list(wheel.extras), list(sdist.extras));
    if (sdistDeclaresEntryPoints(sdist) && wheel.entryPoints.join() !== sdist.entryPoints.join())
        add('entry points', list(wheel.entryPoints), list(sdist.entryPoints));
    return out;
}
function sameRequiresPython(a, b) {
    if (!a || !b)
        return !a && !b;
    return a.specifier && b.specifier ? a.specifier.equals(b.specifier) : a.text === b.text;
}
/** Entry points live in egg-info or pyproject's [project]; other backends' tables are not read. */
function sdistDeclaresEntryPoints(sdist) {
    if (sdist.eggInfo)
        return true;
    const dynamic = sdist.pyproject?.dynamic ?? [];
    return (sdist.pyproject !== undefined &&
        !['scripts', 'gui-scripts', 'entry-points'].some(table => dynamic.includes(table)));
}
const quote = (text) => (text === undefined ? '(none)' : `"${text}"`);
const list = (items) => (items.length ? items.join(', ') : '(none)');
const requirementList = (m) => list(m.requirements.map(formatRequirement).sort());
/**
 * A file the previous release's sdist already had and its wheel also left out: the project leaves it
 * out on purpose (pip's vendored notes), and this release changes nothing about it.
 */
function leftOutBefore(file, previousWheel, sdistFiles) {
    if (!previousWheel?.wheel)
        return false;
    const { added, renamed } = sdistFiles;
    if (added.includes(file.path) || renamed.some(r => r.to === file.path))
        return false;
    return !wheelHolds(previousWheel, file.installed);
}
const wheelMissingFile = {
    id: 'wheel-missing-file',
    scope: 'current',
    defaultSeverity: 'medium',
    description: "A module or package data file under the sdist's import packages is not in the wheel built from it (tests, docs, build sources and notes such as a vendored LICENSE excepted); a file the previous wheel also left out is no finding.",
    check: ({ archive: current, ownSdist }) => {
        if (!ownSdist || !current.wheel)
            return [];
        const missing = missingFromWheel(ownSdist.archive, current).filter(file => !leftOutBefore(file, ownSdist.previousWheel, ownSdist.files));
        // The same file removed since the previous wheel is this finding, not a second one.
        if (missing.length <= LIST_LIMIT)
            return missing.map(({ path, installed }) => ({
                path,
                message: `${path} is in the sdist but not in the wheel: installs from the wheel lack it`,
                covers: [installed]
            }));
        const shown = missing.slice(0, LIST_LIMIT).map(m => m.path);
        return [
            {
                message: `${missing.length} files of the sdist's packages are not in the wheel: ${shown.join(', ')}, … (${missing.length - LIST_LIMIT} more)`,
                covers: missing.map(m => m.installed)
            }
        ];
    }
};

;// CONCATENATED MODULE: ./src/judge/registry.ts
































/** Every rule, in the order findings of equal severity are listed: packaging meaning before files. */
const registry_RULES = [
    unsafeArchiveEntry,
    wheelRecordInvalid,
    secretAdded,
    sensitiveFileAdded,
    suspiciousCode,
    pthFileAdded,
    attestationMismatch,
    provenanceLost,
    publisherChanged,
    fileNotInSource,
    releaseDiffersFromTag,
    versionTagMismatch,
    pypiWouldReject,
    nameChanged,
    versionNotIncreased,
    requiresPythonNarrowed,
    wheelTagChanged,
    releaseWheelTags,
    wheelMetadataMismatch,
    licenseChanged,
    capabilityAdded,
    dependencyAdded,
    dependencyTightened,
    dependencyChanged,
    extraRemoved,
    entryPointRemoved,
    entryPointChanged,
    fileDiffersFromSource,
    metadataInconsistent,
    metadataInvalid,
    importNamesChanged,
    licenseFileMissing,
    dependencyRemoved,
    sdistMissing,
    dependencyLoosened,
    buildRequirementsChanged,
    projectUrlsChanged,
    classifierRemoved,
    dynamicFieldsChanged,
    wheelMissingFile,
    fileRemoved,
    sourceFileMissing,
    fileModeChanged,
    versionChanged,
    buildBackendChanged,
    requiresPythonWidened,
    dependencyMoved,
    extraAdded,
    classifierAdded,
    metadataVersionChanged,
    metadataFieldUnknown,
    fileAdded,
    fileRenamed,
    newPackage
];

;// CONCATENATED MODULE: ./src/judge/judge.ts





const DEFAULT_JUDGE_CONFIG = { rules: {}, ignorePaths: [] };
/**
 * Runs every enabled rule: single-archive rules on the current sdist, pair rules when there is a previous
 * release. Findings come back highest severity first, in rule order within one.
 */
function judge(comparison, analysis, config = DEFAULT_JUDGE_CONFIG, { reportedElsewhere = () => false, rules = registry_RULES } = {}) {
    const ignored = config.ignorePaths.length
        ? picomatch_default()(config.ignorePaths, { dot: true })
        : () => false;
    const found = [];
    const covered = new Set();
    for (const rule of rules) {
        const configured = config.rules[rule.id];
        if (configured === 'off')
            continue;
        for (const hit of hitsOf(rule, comparison, analysis)) {
            if (hit.path !== undefined && ignored(hit.path))
                continue;
            for (const subject of hit.covers ?? [])
                covered.add(subject);
            const finding = {
                rule: rule.id,
                severity: configured ?? hit.severity ?? rule.defaultSeverity,
                message: hit.message,
                ...(hit.path !== undefined && { path: hit.path })
            };
            found.push({ finding, subject: hit.subject ?? hit.path });
        }
    }
    const uncovered = found
        .filter(({ finding, subject }) => !(COVERABLE.has(finding.rule) && covered.has(subject ?? '')))
        .map(({ finding }) => finding)
        .filter(finding => !reportedElsewhere(finding));
    const folded = foldFileFindings(uncovered, comparison.pair);
    return markAccepted(ordered(folded, rules), config.accept ?? []);
}
/** Rules with one finding per path or value, which a broader finding can speak for. */
const COVERABLE = new Set([
    'file-added',
    'file-removed',
    'file-renamed',
    'classifier-removed',
    'file-not-in-source'
]);
/** Highest severity first, in rule order within one, in the order found within a rule. */
function ordered(findings, rules) {
    const order = new Map(rules.map((rule, index) => [rule.id, index]));
    return findings
        .map((finding, index) => ({ finding, index }))
        .sort((a, b) => riskRank(b.finding.severity) - riskRank(a.finding.severity) ||
        (order.get(a.finding.rule) ?? 0) - (order.get(b.finding.rule) ?? 0) ||
        a.index - b.index)
        .map(({ finding }) => finding);
}
function hitsOf(rule, comparison, analysis) {
    if (rule.scope === 'current')
        return rule.check({ ...comparison.current, ...analysis });
    return comparison.pair ? rule.check(comparison.pair) : [];
}

;// CONCATENATED MODULE: ./src/judge/dependency-pins.ts

const lockHashMismatch = {
    id: 'lock-hash-mismatch',
    defaultSeverity: 'high',
    description: "A dependency file records a file's hash and the index serves that file with another: the file was replaced, or the lock points at another index."
};
const dependencyNotJudged = {
    id: 'dependency-not-judged',
    defaultSeverity: 'medium',
    description: 'A dependency whose pin changed could not be compared (not on the index, no files of that version, a download failed): nobody looked at what it changes.'
};
const PIN_RULES = [lockHashMismatch, dependencyNotJudged];
/**
 * The lock's hashes against what the index serves: a named file must have the recorded hash, and at
 * least one named file must be one the index serves (by name or hash); hashes
 * recorded without names (pip's `--hash`, Pipfile.lock) must match at least one served file, as pip's
 * hash-checking mode requires. Files the index lists without a sha256 cannot be checked.
 */
function lockHashFindings(pin, locked, served) {
    const checkable = served.filter(file => file.sha256);
    if (!locked.length || !checkable.length)
        return [];
    const byName = new Map(checkable.map(file => [file.filename, file.sha256]));
    const named = locked.filter(hash => hash.filename !== undefined);
    const replaced = named.filter(hash => byName.has(hash.filename ?? '') && byName.get(hash.filename ?? '') !== hash.sha256);
    const found = replaced.map(hash => ({
        message: `${pin.file} records ${hash.filename} with sha256 ${dependency_pins_short(hash.sha256)}, the index serves it with ${dependency_pins_short(byName.get(hash.filename ?? '') ?? '')}: the file was replaced, or the lock is of another index`
    }));
    const served256 = new Set(checkable.map(file => file.sha256));
    // uv and pdm install the files at the lock's own URLs: a lock none of whose files the index serves
    // installs something this review never saw.
    const elsewhere = named.filter(hash => !byName.has(hash.filename ?? '') && !served256.has(hash.sha256));
    if (named.length && elsewhere.length === named.length)
        found.push({
            message: `${pin.file} records ${named.length} file(s) of ${pin.name}==${pin.version} and the index serves none of them (${elsewhere[0]?.filename}${named.length > 1 ? ', …' : ''}): the lock is of another index, or its files were replaced`
        });
    const anonymous = locked.filter(hash => hash.filename === undefined);
    if (anonymous.length && !anonymous.some(hash => served256.has(hash.sha256)))
        found.push({
            message: `${pin.file} pins ${pin.name}==${pin.version} with ${anonymous.length} hash(es), and none of the ${checkable.length} file(s) the index serves for it has one of them: pip's hash checking would refuse every one`
        });
    return found;
}
/** A pin rule's hits as findings: the config's severity (or `off`) and acceptances apply as to any rule. */
function pinFindings(rule, hits, config) {
    const severity = config.rules[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off')
        return [];
    return markAccepted(hits.map(hit => ({ rule: rule.id, severity, ...hit })), config.accept ?? []);
}
const dependency_pins_short = (sha256) => `${sha256.slice(0, 12)}…`;

;// CONCATENATED MODULE: ./src/config/config-schema.ts



const RULE_IDS = [...new Set([...registry_RULES, ...PIN_RULES].map(rule => rule.id))];
/** A severity or `off`, in any case, with blanks around it. */
const SETTING = `^\\s*(?:${[...SEVERITIES, 'off'].map(anyCase).join('|')})\\s*$`;
function anyCase(word) {
    return [...word].map(c => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
}
const SCHEMA = {
    type: 'object',
    additionalProperties: false,
    properties: {
        rules: {
            type: 'object',
            nullable: true,
            required: [],
            propertyNames: { type: 'string', enum: RULE_IDS },
            additionalProperties: {
                anyOf: [
                    { type: 'string', pattern: SETTING },
                    { type: 'boolean', const: false }
                ]
            }
        },
        'ignore-paths': {
            type: 'array',
            nullable: true,
            items: { type: 'string', pattern: '\\S' }
        },
        accept: {
            type: 'array',
            nullable: true,
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['rule', 'reason'],
                properties: {
                    rule: { type: 'string', enum: RULE_IDS },
                    match: { type: 'string', minLength: 1, nullable: true },
                    reason: { type: 'string', pattern: '\\S' }
                }
            }
        }
    }
};
let compiled;
/** The config document's validator: ajv is loaded and the schema compiled when a config is first read. */
function configValidator() {
    return (compiled ??= __nccwpck_require__.e(/* import() */ 463).then(__nccwpck_require__.t.bind(__nccwpck_require__, 2463, 23)).then(loaded => {
        // ajv is CommonJS: imported at run time from the bundle, its exports arrive as the default export.
        const { Ajv } = (loaded.Ajv ? loaded : loaded.default);
        return new Ajv({ allErrors: false, strict: false }).compile(SCHEMA);
    }));
}
/** What is wrong with a config document, in the words of its keys: the first problem ajv found. */
function describeConfigError(document, error) {
    const [key, name, field] = (error?.instancePath ?? '').split('/').slice(1);
    const value = config_schema_lookup(document, error?.instancePath ?? '');
    if (!key) {
        if (error?.keyword === 'additionalProperties')
            return `unknown key "${String(error.params.additionalProperty)}" (allowed: rules, ignore-paths, accept)`;
        return 'must be a mapping with "rules", "ignore-paths" and "accept"';
    }
    if (key === 'rules') {
        if (error?.keyword === 'propertyNames' || error?.propertyName !== undefined)
            return `unknown rule "${String(error?.propertyName ?? error?.params.propertyName)}" under "rules" (known rules: ${RULE_IDS.join(', ')})`;
        if (name === undefined)
            return '"rules" must map rule ids to a severity or off';
        return `rules.${name} must be one of ${SEVERITIES.join(', ')}, off; got "${String(value)}"`;
    }
    if (key === 'ignore-paths')
        return '"ignore-paths" must be a list of glob strings';
    return describeAcceptError(name, field, error, value);
}
function describeAcceptError(index, field, error, value) {
    if (index === undefined)
        return '"accept" must be a list of {rule, match, reason}';
    const where = `accept[${index}]`;
    if (error?.keyword === 'additionalProperties')
        return `${where}: unknown key "${String(error.params.additionalProperty)}" (allowed: rule, match, reason)`;
    const missing = error?.keyword === 'required' ? String(error.params.missingProperty) : field;
    if (missing === 'rule')
        return `${where}.rule must be a known rule id; got "${field === 'rule' ? String(value) : 'undefined'}"`;
    if (missing === 'reason')
        return `${where}.reason must say why the change is intended`;
    if (missing === 'match')
        return `${where}.match must be a non-empty string (a message substring or a path glob)`;
    return `${where} must be a mapping with rule and reason`;
}
function config_schema_lookup(document, pointer) {
    let value = document;
    for (const key of pointer.split('/').slice(1))
        value = value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
    return value;
}

;// CONCATENATED MODULE: ./src/config/load-config.ts



const DEFAULT_CONFIG_PATH = '.github/sdist-diff.yml';
class ConfigError extends Error {
    constructor(path, problem) {
        super(`config ${path}: ${problem}`);
        this.name = 'ConfigError';
    }
}
/**
 * Reads the YAML config. A missing file is an error only when it was asked for by name; the default path
 * may be absent.
 */
async function loadConfig(path, explicit) {
    let text;
    try {
        text = await readCapped(path, MAX_CONFIG_BYTES);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' && !explicit)
            return DEFAULT_JUDGE_CONFIG;
        throw new ConfigError(path, `cannot be read (${code ?? String(error)})`);
    }
    if (text === undefined)
        throw new ConfigError(path, `is larger than ${MAX_CONFIG_BYTES >> 20} MiB; a config file holds rules, ignore-paths and accept entries, far less than that`);
    return await parseConfig(text, path);
}
/** A config is YAML, parsed whole: a huge one would run the parser out of memory, so it is capped. */
const MAX_CONFIG_BYTES = 1 << 20;
/** The file's text, or undefined when it holds more than `cap` bytes (read no further than that). */
async function readCapped(path, cap) {
    const handle = await (0,promises_.open)(path);
    try {
        const buffer = Buffer.alloc(cap + 1);
        let length = 0;
        while (length < buffer.length) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        return length > cap ? undefined : buffer.toString('utf8', 0, length);
    }
    finally {
        await handle.close();
    }
}
async function parseConfig(text, path = DEFAULT_CONFIG_PATH) {
    // The YAML parser is loaded only when there is a config file to read.
    const { parse } = await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
    let document;
    try {
        document = parse(text);
    }
    catch (error) {
        throw new ConfigError(path, `is not valid YAML (${error.message.split('\n')[0]})`);
    }
    if (document === null || document === undefined)
        return DEFAULT_JUDGE_CONFIG;
    const validateConfig = await configValidator();
    if (!validateConfig(document))
        throw new ConfigError(path, describeConfigError(document, validateConfig.errors?.[0]));
    return {
        rules: Object.fromEntries(Object.entries(document.rules ?? {}).map(([id, setting]) => [id, load_config_severityOf(setting)])),
        ignorePaths: (document['ignore-paths'] ?? []).map(glob => glob.trim()),
        accept: (document.accept ?? []).map(({ rule, match, reason }) => ({
            rule,
            reason: reason.trim(),
            ...(match !== undefined && { match })
        }))
    };
}
function load_config_severityOf(setting) {
    return setting === false ? 'off' : setting.trim().toLowerCase();
}

;// CONCATENATED MODULE: ./src/decide/expected-files.ts

function parseExpectedChanges(text) {
    const expected = { added: [], removed: [] };
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const glob = line.replace(/^[+-]\s*/, '');
        if (!line.startsWith('-'))
            expected.added.push(glob);
        if (!line.startsWith('+'))
            expected.removed.push(glob);
    }
    return expected;
}
/** Files added or removed (a rename is both) that no expected glob covers, in report order. */
function unexpectedFileChanges(run, expected) {
    const covers = {
        added: picomatch_default()(expected.added.length ? expected.added : ['\0'], { dot: true }),
        removed: picomatch_default()(expected.removed.length ? expected.removed : ['\0'], { dot: true })
    };
    return run.packages.flatMap(report => {
        const { files } = report;
        const changes = [
            ...[...files.added, ...files.renamed.map(r => r.to)].map(path => ({
                change: 'added',
                path
            })),
            ...[...files.removed, ...files.renamed.map(r => r.from)].map(path => ({
                change: 'removed',
                path
            }))
        ].map(c => ({ package: report.current.name, ...c }));
        return changes.filter(c => !covers[c.change](c.path));
    });
}

;// CONCATENATED MODULE: ./src/decide/decide.ts


const COMMENT_MODES = (/* unused pure expression or super */ null && (['always', 'on-change', 'on-risk', 'never']));
const CLI_POLICY = {
    expectedFileChanges: '',
    failOnUnexpectedFiles: false,
    comment: 'never'
};
/** The pure decision between the pipeline and the effects. */
function decide(run, policy) {
    const declared = policy.failOnUnexpectedFiles || policy.expectedFileChanges.trim() !== '';
    const unexpected = declared
        ? unexpectedFileChanges(run, parseExpectedChanges(policy.expectedFileChanges))
        : [];
    const unexpectedFails = policy.failOnUnexpectedFiles && unexpected.length > 0;
    const failures = [];
    if (reachesThreshold(run.risk, policy.failOn))
        failures.push(`risk ${run.risk} reaches fail-on ${policy.failOn}`);
    if (unexpectedFails)
        failures.push(`${unexpected.length} unexpected file-list change(s) (fail-on-unexpected-files)`);
    return {
        failures,
        unexpected,
        declared,
        unexpectedFails,
        comment: commentAction(policy.comment, run)
    };
}
function commentAction(mode, run) {
    if (mode === 'never')
        return 'skip';
    return wantsComment(mode, run) ? 'write' : 'refresh';
}
/** Whether the mode asks for a comment on this report when none exists yet. */
function wantsComment(mode, run) {
    if (mode === 'always')
        return true;
    if (mode === 'on-change')
        return run.dependencies
            ? run.dependencies.length > 0
            : run.packages.some(changedBeyondTheVersion);
    if (mode === 'on-risk')
        return run.risk !== 'none' && run.risk !== 'info';
    return false;
}
/** Every release bumps the version and edits files; a change worth a comment is anything beyond that. */
function changedBeyondTheVersion(report) {
    const { files } = report;
    const listChanged = files.added.length +
        files.removed.length +
        files.renamed.length +
        files.modeChanged.length +
        files.typeChanged.length >
        0;
    return (listChanged ||
        report.findings.some(f => f.rule !== 'version-changed' && f.rule !== 'new-package'));
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/acquire/git-source.ts


const run = (0,external_node_util_.promisify)(external_node_child_process_namespaceObject.execFile);
/** Symlink targets are read one `git cat-file` each; a tree with more is compared without them. */
const MAX_SYMLINKS = 200;
async function git(root, args) {
    const { stdout } = await run('git', ['-C', root, ...args], {
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'utf8'
    });
    return stdout;
}
/** The top of the git work tree that holds `dir`, or undefined when it is not in one. */
async function workTreeRoot(dir) {
    try {
        return (await git(dir, ['rev-parse', '--show-toplevel'])).trim() || undefined;
    }
    catch {
        return undefined;
    }
}
/** Reads a commit's tree with `git ls-tree` (nothing is checked out); `rev` is HEAD or a tag. */
async function readGitTree(root, rev) {
    const commit = (await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
    const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]);
    const files = new Map();
    for (const record of listing.split('\0')) {
        // "<mode> SP <type> SP <object> TAB <path>"
        const match = /^(\d{6}) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(record);
        if (!match)
            continue;
        const [, mode, , blob = '', path = ''] = match;
        const kind = mode === '120000' ? 'symlink' : mode === '160000' ? 'submodule' : 'file';
        files.set(path, { blob, kind });
    }
    const links = [...files.values()].filter(f => f.kind === 'symlink');
    if (links.length <= MAX_SYMLINKS)
        for (const link of links)
            link.target = await git(root, ['cat-file', 'blob', link.blob]);
    return { name: rev, commit, files };
}
async function listTags(root) {
    const out = await git(root, ['tag', '--list']);
    return out.split('\n').filter(tag => tag !== '');
}
/** Tags on the commit checked out: what a local release build is about to publish. */
async function tagsAtHead(root) {
    const out = await git(root, ['tag', '--points-at', 'HEAD']);
    return out.split('\n').filter(tag => tag !== '');
}
/** A shallow clone lacks history and usually tags (actions/checkout without `fetch-depth: 0`). */
async function isShallow(root) {
    return (await git(root, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

;// CONCATENATED MODULE: ./src/acquire/dependency-trees.ts





const dependency_trees_run = (0,external_node_util_.promisify)(external_node_child_process_namespaceObject.execFile);
/** Dependency files are small; a larger one is not a dependency file anyone wrote. */
const MAX_DEPENDENCY_FILE_BYTES = 64 * 1024 * 1024;
/** The project folder as committed at `ref` (a commit, branch or tag), read with git: nothing is checked out. */
async function projectAtCommit(dir, ref) {
    const root = await workTreeRoot(dir);
    if (!root)
        throw new Error(`${dir} is not in a git repository, so ${ref} cannot be read`);
    let tree;
    try {
        tree = await readGitTree(root, ref);
    }
    catch {
        throw new Error(`${ref} is not in this clone (no commit, branch or tag of that name): fetch it (git fetch; in the Action, actions/checkout with fetch-depth: 0, or a depth that reaches the base of the pull request)`);
    }
    const prefix = folderPrefix(await (0,promises_.realpath)(root), await (0,promises_.realpath)(dir));
    const blobs = new Map();
    for (const [path, file] of tree.files)
        if (file.kind === 'file' && path.startsWith(prefix))
            blobs.set(path.slice(prefix.length), file.blob);
    const name = tree.commit.slice(0, 12);
    return {
        name,
        paths: [...blobs.keys()].sort(),
        read: async (path) => {
            const blob = blobs.get(path);
            if (!blob)
                return undefined;
            const where = `${path} at ${name}`;
            const { stdout } = await dependency_trees_run('git', ['-C', root, 'cat-file', 'blob', blob], {
                encoding: 'buffer',
                maxBuffer: MAX_DEPENDENCY_FILE_BYTES
            }).catch((error) => {
                throw error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' ? tooLarge(where) : error;
            });
            return utf8(stdout, where);
        }
    };
}
/**
 * The project folder as it is on disk: in a git repository, the tracked and untracked files git does not
 * ignore (a lockfile just written counts); outside one, nothing.
 */
async function projectOnDisk(dir) {
    const root = await workTreeRoot(dir);
    const paths = root ? await listWorkTree(dir) : [];
    const listed = new Set(paths);
    return {
        name: 'working tree',
        paths,
        // Only the project's own files, never through a link: an include such as `-r ../../etc/passwd`, or
        // a committed symlink, must not read (and log) files from elsewhere on the runner.
        read: async (path) => {
            if (!listed.has(path))
                return undefined;
            const file = (0,external_node_path_.join)(dir, path);
            const info = await (0,promises_.lstat)(file).catch(() => undefined);
            if (!info?.isFile())
                return undefined;
            const where = `${path} in the working tree`;
            if (info.size > MAX_DEPENDENCY_FILE_BYTES)
                throw tooLarge(where);
            return utf8(await (0,promises_.readFile)(file), where);
        }
    };
}
async function listWorkTree(dir) {
    const { stdout } = await dependency_trees_run('git', ['-C', dir, 'ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    return [...new Set(stdout.split('\0').filter(Boolean))].sort();
}
/** `sub/dir/` for a project folder below the repository root, '' at the root. */
function folderPrefix(root, dir) {
    const inside = (0,external_node_path_.relative)(root, dir).split(external_node_path_.sep).join('/');
    return inside === '' ? '' : `${inside}/`;
}
/**
 * A dependency file's text. One that cannot be read stops the review: read as absent, every pin in it
 * would be a removal of risk none, which is all a pull request would need to hide a bump.
 */
function utf8(bytes, where) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    }
    catch {
        throw new Error(`${where} is not UTF-8 text, so its pins cannot be compared: save it as UTF-8, or leave it out with the dependency-files input`);
    }
}
const tooLarge = (where) => new Error(`${where} is larger than ${MAX_DEPENDENCY_FILE_BYTES / 1024 / 1024} MiB, more than a dependency file holds: not read, so no pin of it can be compared`);

;// CONCATENATED MODULE: ./src/report/counts.ts

function countFindings(findings) {
    const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0]));
    let accepted = 0;
    for (const finding of findings) {
        if (finding.accepted)
            accepted++;
        else
            bySeverity[finding.severity]++;
    }
    return { open: findings.length - accepted, accepted, bySeverity };
}
/** A package's findings with its wheels', which its risk includes. */
function packageFindings(report) {
    return [...report.findings, ...(report.wheels ?? []).flatMap(wheel => wheel.findings)];
}
/** Every finding of the run: each package's, with its wheels', and each dependency change's own. */
function runFindings(run) {
    return [
        ...run.packages.flatMap(packageFindings),
        ...(run.dependencies ?? []).flatMap(change => change.findings)
    ];
}
function countRun(run) {
    return countFindings(runFindings(run));
}

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}

;// CONCATENATED MODULE: ./src/packaging/pins/lock-fields.ts

/** The document, or undefined with a problem naming the line where the TOML is broken. */
function parseToml(file, text, reading) {
    try {
        return parse_parse(text);
    }
    catch (error) {
        if (!(error instanceof TomlError))
            throw error;
        const message = error.message.split('\n')[0] ?? 'invalid TOML';
        reading.problems.push(`${file}:${error.line}: ${message}`);
        reading.broken = true;
        return undefined;
    }
}
/** The document, or undefined with a problem: JSON.parse's message names the position. */
function parseJson(file, text, reading) {
    let document;
    try {
        document = JSON.parse(text);
    }
    catch (error) {
        reading.problems.push(`${file}: invalid JSON: ${error.message}`);
        reading.broken = true;
        return undefined;
    }
    if (isTable(document))
        return document;
    reading.problems.push(`${file}: not a JSON object`);
    reading.broken = true;
    return undefined;
}
function isTable(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const lock_fields_text = (value) => typeof value === 'string' ? value : undefined;
/** The tables of an array (`[[package]]`), each with its index; anything else in it is dropped. */
function tablesOf(value) {
    return Array.isArray(value) ? value.filter(isTable) : [];
}
/**
 * A lock's list of packages: `[[key]]`, or a problem when the key holds something else. A lock with
 * no packages at all is valid (a project with no dependencies).
 */
function packageTables(file, document, key, reading) {
    const value = document[key];
    if (value === undefined)
        return [];
    if (!Array.isArray(value) || !value.every(isTable)) {
        reading.problems.push(`${file}: "${key}" is not an array of tables`);
        reading.broken = true;
        return [];
    }
    return value;
}
/** `sha256:…` as uv, poetry, pdm and pipenv write a hash; undefined for another algorithm. */
function prefixedSha256(hash) {
    const match = /^sha256:([0-9a-f]{64})$/i.exec(lock_fields_text(hash) ?? '');
    return match?.[1]?.toLowerCase();
}
/** The file a URL or path names: its last segment, percent-decoded (`…/six-1.16.0.tar.gz`). */
function fileNameOf(location) {
    if (!location)
        return undefined;
    const path = location.replace(/[?#].*$/, '').replace(/\/+$/, '');
    const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    try {
        return decodeURIComponent(last) || undefined;
    }
    catch {
        return last || undefined;
    }
}
/**
 * A locked file from a `hash = "sha256:…"` entry, the name taken from `file`, or else the URL's or
 * path's last segment; a hash that is no sha256 is a problem of the package `where` names.
 */
function lockedFile(entry, where, reading) {
    const hash = entry.hash;
    if (hash === undefined)
        return undefined;
    const sha256 = prefixedSha256(hash);
    if (sha256 === undefined) {
        if (!/^(?:sha384|sha512|md5|sha1|sha224|blake2b):/i.test(lock_fields_text(hash) ?? ''))
            reading.problems.push(`${where}: hash ${JSON.stringify(hash)} is not sha256:<64 hex digits>`);
        return undefined;
    }
    const filename = lock_fields_text(entry.file) ?? fileNameOf(lock_fields_text(entry.url) ?? lock_fields_text(entry.path));
    return filename === undefined ? { sha256 } : { filename, sha256 };
}
/** The sha256 hashes of a package's file tables (uv, poetry and pdm write them alike). */
function lockedFiles(entries, where, reading) {
    return entries
        .map(entry => lockedFile(entry, where, reading))
        .filter((hash) => hash !== undefined);
}
/** `name` and `version` of a package table, or a problem saying which is missing. */
function nameAndVersion(package_, where, reading) {
    const name = lock_fields_text(package_.name);
    if (!name) {
        reading.problems.push(`${where}: no name`);
        return undefined;
    }
    const version = package_.version;
    if (version !== undefined && typeof version !== 'string') {
        reading.problems.push(`${where} (${name}): version is not a string`);
        return undefined;
    }
    return { name, ...(version !== undefined && { version }) };
}

;// CONCATENATED MODULE: ./src/packaging/pins/types.ts
function emptyReading() {
    return { pins: [], problems: [], skipped: [], includes: [] };
}

;// CONCATENATED MODULE: ./src/packaging/pins/pylock.ts



/** `pylock.toml` and `pylock.<name>.toml` (PEP 751). */
const PYLOCK_NAME = /^pylock\.(?:[^./]+\.)?toml$/;
/**
 * A PEP 751 lock: `[[packages]]` name, version, `sdist` and `wheels[]`, each with `name` (or a
 * `url`/`path` whose last segment names the file) and `hashes = { sha256 = "…" }`. A package from
 * `vcs`, `archive` (a URL or path of its own) or `directory` is no index release, and is skipped.
 */
function readPylock(file, source) {
    const reading = emptyReading();
    const document = parseToml(file, source, reading);
    if (!document)
        return reading;
    if (document['lock-version'] === undefined)
        reading.problems.push(`${file}: no lock-version (PEP 751 requires it)`);
    packageTables(file, document, 'packages', reading).forEach((package_, index) => {
        const where = `${file}: [[packages]] ${index + 1}`;
        const found = nameAndVersion(package_, where, reading);
        if (!found)
            return;
        const { name, version } = found;
        if (!hasOneSource(package_)) {
            reading.problems.push(`${where} (${name}): ${ONE_SOURCE}`);
            return;
        }
        if (normalizeName(name) !== name)
            reading.problems.push(`${where} (${name}): the name is not normalized (PEP 751)`);
        const elsewhere = 'vcs' in package_ || 'archive' in package_;
        if (elsewhere || 'directory' in package_ || version === undefined) {
            const reason = elsewhere ? 'url' : 'directory' in package_ ? 'local' : 'no-version';
            reading.skipped.push({ file, text: name, reason });
            return;
        }
        const artifacts = [package_.sdist, ...tablesOf(package_.wheels)].filter(isTable);
        const hashes = artifacts
            .map(artifact => artifactHash(artifact, `${where} (${name})`, reading))
            .filter((hash) => hash !== undefined);
        reading.pins.push({ name, version, hashes, file });
    });
    return reading;
}
const ONE_SOURCE = 'not exactly one of vcs, directory, archive, or sdist and wheels (PEP 751)';
/** PEP 751: a package comes from one `vcs`, `directory` or `archive`, or from its sdist and wheels. */
function hasOneSource(package_) {
    const elsewhere = ['vcs', 'directory', 'archive'].filter(key => key in package_).length;
    const files = 'sdist' in package_ || 'wheels' in package_;
    return files ? elsewhere === 0 : elsewhere === 1;
}
function artifactHash(artifact, where, reading) {
    if (artifact.url === undefined && artifact.path === undefined)
        reading.problems.push(`${where}: a file with neither url nor path (PEP 751 requires one)`);
    const hashes = artifact.hashes;
    if (!isTable(hashes)) {
        reading.problems.push(`${where}: a file without hashes (PEP 751 requires them)`);
        return undefined;
    }
    if (hashes.sha256 === undefined)
        return undefined;
    const sha256 = lock_fields_text(hashes.sha256);
    if (!sha256 || !/^[0-9a-f]{64}$/i.test(sha256)) {
        reading.problems.push(`${where}: sha256 ${JSON.stringify(hashes.sha256)} is not 64 hex digits`);
        return undefined;
    }
    const filename = lock_fields_text(artifact.name) ?? fileNameOf(lock_fields_text(artifact.url) ?? lock_fields_text(artifact.path));
    const digest = sha256.toLowerCase();
    return filename === undefined ? { sha256: digest } : { filename, sha256: digest };
}

;// CONCATENATED MODULE: ./src/packaging/pins/detect.ts


/**
 * Folders whose files are not the project's own dependency files: version control, installed
 * environments (virtualenvs, tox and nox environments, PEP 582 `__pypackages__`, site-packages) and
 * vendored trees (`vendor`, `_vendor`, `vendored`, `third_party`), and node_modules.
 */
const EXCLUDED_FOLDERS = new Set([
    '.git',
    '.hg',
    '.svn',
    'node_modules',
    '.venv',
    'venv',
    '.tox',
    '.nox',
    '__pypackages__',
    'site-packages',
    'vendor',
    '_vendor',
    'vendored',
    'third_party'
]);
const LOCK_NAMES = new Set(['uv.lock', 'poetry.lock', 'Pipfile.lock', 'pdm.lock']);
/** What isDependencyFile takes, as a message names it. */
const DETECTED_NAMES = 'requirements*.txt, constraints*.txt, requirements/*.txt, uv.lock, poetry.lock, pylock.toml, pylock.*.toml, Pipfile.lock or pdm.lock';
/** Whether a path's file name (and for `requirements/*.txt`, its folder) says it holds pins. */
function isDependencyFile(path) {
    const parts = path.split('/');
    const name = parts.at(-1) ?? '';
    if (LOCK_NAMES.has(name) || PYLOCK_NAME.test(name))
        return true;
    if (!name.endsWith('.txt'))
        return false;
    return /^(?:requirements|constraints)/.test(name) || parts.at(-2) === 'requirements';
}
/**
 * The dependency files of a tree (paths relative to its root, `/`-separated), sorted: detected by
 * name outside EXCLUDED_FOLDERS, or, when `globs` holds any pattern, the paths they match (one
 * pattern a line; `!` excludes; blank lines and `#` comments are ignored; nothing is excluded
 * by folder then).
 */
function dependencyFiles(paths, globs) {
    const patterns = (globs ?? []).map(glob => glob.trim()).filter(g => g && !g.startsWith('#'));
    const wanted = patterns.length ? globMatcher(patterns) : detected;
    const found = new Set(paths.map(path => path.replace(/^(?:\.\/)+/, '')).filter(wanted));
    return [...found].sort();
}
function detected(path) {
    const folders = path.split('/').slice(0, -1);
    return !folders.some(folder => EXCLUDED_FOLDERS.has(folder)) && isDependencyFile(path);
}
function globMatcher(patterns) {
    const negated = patterns.filter(p => p.startsWith('!')).map(p => p.slice(1));
    const positive = patterns.filter(p => !p.startsWith('!'));
    const includes = picomatch_default()(positive.length ? positive : ['**'], { dot: true });
    const excludes = negated.length ? picomatch_default()(negated, { dot: true }) : () => false;
    return path => includes(path) && !excludes(path);
}

;// CONCATENATED MODULE: ./src/packaging/pins/diff.ts


/**
 * Pins whose version differs between two sets, by PEP 503 name, sorted by name then version.
 *
 * A name may be pinned at several versions on one side (a uv fork by marker, two requirements
 * files). The sides are compared as sets of versions (equal under PEP 440, `1.0` = `1.0.0`): a
 * version on both sides is unchanged. Each version only the head has is one change from the
 * nearest base version (the highest below it: upgraded; else the lowest above: downgraded); each
 * version only the base had, and that no such change starts from, is one change to the nearest
 * head version (the lowest above it, else the highest below). A name on one side only is added or
 * removed, once per version. The same version pinned in several files is one pin: the first file's,
 * with every file's hashes.
 */
function diffPins(base, head) {
    const before = byName(base.pins);
    const after = byName(head.pins);
    const names = [...new Set([...before.keys(), ...after.keys()])].sort();
    return names.flatMap(name => changesOf(name, before.get(name) ?? [], after.get(name) ?? []));
}
function changesOf(name, base, head) {
    if (!base.length)
        return head.map(current => ({ name, kind: 'added', current }));
    if (!head.length)
        return base.map(previous => ({ name, kind: 'removed', previous }));
    const changes = [];
    const startsOfChanges = new Set();
    for (const current of head.filter(pin => !has(base, pin))) {
        const previous = nearest(base, current, 'below') ?? nearest(base, current, 'above');
        if (!previous)
            continue;
        startsOfChanges.add(previous);
        changes.push(change(name, previous, current));
    }
    for (const previous of base.filter(pin => !has(head, pin) && !startsOfChanges.has(pin))) {
        const current = nearest(head, previous, 'above') ?? nearest(head, previous, 'below');
        if (current)
            changes.push(change(name, previous, current));
    }
    return changes.sort((a, b) => compareVersionText(a.current?.version ?? '', b.current?.version ?? '') ||
        compareVersionText(a.previous?.version ?? '', b.previous?.version ?? ''));
}
function change(name, previous, current) {
    const kind = compareVersionText(current.version, previous.version) > 0 ? 'upgraded' : 'downgraded';
    return { name, kind, previous, current };
}
const has = (pins, pin) => pins.some(p => compareVersionText(p.version, pin.version) === 0);
/** Of `pins` (sorted), the highest below `pin`, or the lowest above it. */
function nearest(pins, pin, side) {
    if (side === 'above')
        return pins.find(p => compareVersionText(p.version, pin.version) > 0);
    return pins.filter(p => compareVersionText(p.version, pin.version) < 0).at(-1);
}
/** Each name's pins, one per version (sorted), each merging the hashes of that version's pins. */
function byName(pins) {
    const grouped = new Map();
    for (const pin of pins) {
        const key = normalizeName(pin.name);
        const versions = grouped.get(key) ?? [];
        grouped.set(key, versions);
        const same = versions.findIndex(p => compareVersionText(p.version, pin.version) === 0);
        if (same < 0)
            versions.push({ ...pin, hashes: [...pin.hashes] });
        else
            versions[same] = {
                ...versions[same],
                hashes: mergeHashes(versions[same].hashes, pin.hashes)
            };
    }
    for (const versions of grouped.values())
        versions.sort((a, b) => compareVersionText(a.version, b.version));
    return grouped;
}
function mergeHashes(kept, more) {
    const merged = [...kept];
    for (const hash of more)
        if (!merged.some(h => h.sha256 === hash.sha256 && h.filename === hash.filename))
            merged.push(hash);
    return merged;
}
/**
 * PEP 440 order; a version that is no PEP 440 version (an `===` pin of arbitrary text) sorts before
 * every valid one, as packaging's LegacyVersion did, and such versions among themselves by their
 * text (equal only when spelled alike).
 */
function compareVersionText(a, b) {
    const left = Version.parse(a);
    const right = Version.parse(b);
    if (left && right)
        return left.compare(right);
    if (left || right)
        return left ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/packaging/pins/pdm-lock.ts



/**
 * pdm.lock: `[[package]]` name, version, `files = [{file | url, hash}]` (lock_version 4.x), or the
 * files under `[metadata.files]` keyed `"name version"` (older PDM 2 locks, lock_version 4.2 among them). A package with `git`, `url`,
 * `path` or `editable` is no index release, and is skipped. The same release recurs once per extra
 * (`extras = [...]`); the diff counts it once.
 */
function readPdmLock(file, source) {
    const reading = emptyReading();
    const document = parseToml(file, source, reading);
    if (!document)
        return reading;
    const legacyFiles = legacyFilesByKey(document);
    packageTables(file, document, 'package', reading).forEach((package_, index) => {
        const where = `${file}: [[package]] ${index + 1}`;
        const found = nameAndVersion(package_, where, reading);
        if (!found)
            return;
        const { name, version } = found;
        const elsewhere = 'git' in package_ || 'url' in package_;
        if (elsewhere || 'path' in package_ || package_.editable === true || version === undefined) {
            const reason = elsewhere ? 'url' : version === undefined ? 'no-version' : 'local';
            reading.skipped.push({ file, text: name, reason });
            return;
        }
        const entries = package_.files ?? legacyFiles.get(`${normalizeName(name)} ${version}`);
        const hashes = lockedFiles(tablesOf(entries), `${where} (${name})`, reading);
        reading.pins.push({ name, version, hashes, file });
    });
    return reading;
}
function legacyFilesByKey(document) {
    const files = isTable(document.metadata) ? document.metadata.files : undefined;
    if (!isTable(files))
        return new Map();
    return new Map(Object.entries(files).map(([key, entries]) => {
        const [name = '', version = ''] = key.split(' ');
        return [`${normalizeName(name)} ${version}`, entries];
    }));
}

;// CONCATENATED MODULE: ./src/packaging/pins/pip-options.ts
/** pip's options of a requirements file (`req_file.py`'s SUPPORTED_OPTIONS and _REQ), by each name. */
const VALUED = new Map([
    ['-r', 'requirement'],
    ['--requirement', 'requirement'],
    ['-c', 'constraint'],
    ['--constraint', 'constraint'],
    ['-e', 'editable'],
    ['--editable', 'editable'],
    ['-i', 'index-url'],
    ['--index-url', 'index-url'],
    ['--extra-index-url', 'extra-index-url'],
    ['-f', 'find-links'],
    ['--find-links', 'find-links'],
    ['--no-binary', 'no-binary'],
    ['--only-binary', 'only-binary'],
    ['--trusted-host', 'trusted-host'],
    ['--use-feature', 'use-feature'],
    ['--hash', 'hash'],
    ['--global-option', 'global-option'],
    ['--config-settings', 'config-settings'],
    ['-C', 'config-settings']
]);
const FLAGS = new Set(['--no-index', '--prefer-binary', '--require-hashes', '--pre']);
const LONG_NAMES = [...VALUED.keys(), ...FLAGS].filter(name => name.startsWith('--'));
/**
 * The options of a line as pip reads them: `shlex.split`, then optparse (`--name=value`,
 * `--name value`, `-xvalue`, `-x value`, a long name abbreviated to any unambiguous prefix; words
 * that are no option are ignored, as optparse leaves them to the caller and pip drops them).
 */
function parseOptions(text) {
    const tokens = shellWords(text);
    if (!tokens)
        return { ok: false, error: `${text}: unbalanced quotes or a trailing \\` };
    const options = [];
    for (let index = 0; index < tokens.length; index++) {
        const token = tokens[index] ?? '';
        if (token === '--')
            break;
        if (!token.startsWith('-') || token === '-')
            continue;
        const long = token.startsWith('--');
        const [written = '', attached] = long
            ? splitOnce(token, '=')
            : [token.slice(0, 2), token.slice(2)];
        const flag = long ? longName(written) : written;
        if (typeof flag !== 'string')
            return flag;
        if (FLAGS.has(flag)) {
            if (attached !== undefined)
                return { ok: false, error: `${flag} takes no value` };
            options.push({ name: flag.slice(2) });
            continue;
        }
        const name = VALUED.get(flag);
        if (!name)
            return { ok: false, error: `${token}: not an option pip reads in a requirements file` };
        const value = long ? (attached ?? tokens[++index]) : attached || tokens[++index];
        if (value === undefined)
            return { ok: false, error: `${flag} needs a value` };
        options.push({ name, value });
    }
    return { ok: true, options };
}
/** optparse's `_match_abbrev`: the name itself, or the one long name it begins. */
function longName(written) {
    if (LONG_NAMES.includes(written))
        return written;
    const matches = LONG_NAMES.filter(name => name.startsWith(written));
    if (matches.length === 1)
        return matches[0] ?? written;
    const error = matches.length
        ? `${written}: ambiguous (${matches.join(', ')})`
        : `${written}: not an option pip reads in a requirements file`;
    return { ok: false, error };
}
function splitOnce(text, separator) {
    const at = text.indexOf(separator);
    return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
const SHELL_SPACE = new Set([' ', '\t', '\r', '\n']);
/** Python's `shlex.split` (POSIX mode): words, quotes removed; undefined where shlex raises. */
function shellWords(text) {
    const words = [];
    let word = '';
    let inWord = false;
    let quote;
    for (let index = 0; index < text.length; index++) {
        const char = text[index] ?? '';
        const next = text[index + 1] ?? '';
        if (quote === "'") {
            if (char === "'")
                quote = undefined;
            else
                word += char;
        }
        else if (quote === '"') {
            if (char === '"')
                quote = undefined;
            else if (char === '\\' && (next === '"' || next === '\\'))
                word += text[++index];
            else
                word += char;
        }
        else if (SHELL_SPACE.has(char)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            inWord = true;
            if (char === "'" || char === '"')
                quote = char;
            else if (char !== '\\')
                word += char;
            else if (index + 1 < text.length)
                word += text[++index];
            else
                return undefined;
        }
    }
    if (quote)
        return undefined;
    if (inWord)
        words.push(word);
    return words;
}

;// CONCATENATED MODULE: ./src/packaging/pins/requirements-txt.ts




/**
 * A requirements file read as pip reads one (`pip/_internal/req/req_file.py`): lines ending in `\`
 * joined, comments (`#` at the start or after whitespace) dropped, then each line split into the
 * requirement (the words before the first that starts with `-`) and pip's options.
 */
function readRequirementsTxt(file, text) {
    const reading = emptyReading();
    for (const { line, content } of logicalLines(text))
        readLine(file, line, content, reading);
    return reading;
}
const COMMENT = /(^|\s+)#.*$/;
/** Python's `str.splitlines()`, which pip splits a requirements file with. */
const BREAKS = '\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029';
const LINE_BREAK = new RegExp(`\\r\\n|[${BREAKS}]`);
/** pip's `join_lines` then `ignore_comments`: a comment line ends a continuation. */
function logicalLines(text) {
    const lines = [];
    const push = (line, content) => {
        const stripped = content.replace(COMMENT, '').trim();
        if (stripped)
            lines.push({ line, content: stripped });
    };
    let joined = [];
    let start = 0;
    text
        .replace(/^\ufeff/, '')
        .split(LINE_BREAK)
        .forEach((raw, index) => {
        const isComment = /^\s*#/.test(raw) && COMMENT.test(raw);
        if (!raw.endsWith('\\') || isComment) {
            const content = isComment ? ` ${raw}` : raw;
            if (joined.length) {
                push(start, joined.join('') + content);
                joined = [];
            }
            else
                push(index + 1, content);
            return;
        }
        if (!joined.length)
            start = index + 1;
        joined.push(raw.replace(/^\\+|\\+$/g, ''));
    });
    if (joined.length)
        push(start, joined.join(''));
    return lines;
}
function readLine(file, line, content, reading) {
    const words = content.split(' ');
    const firstOption = words.findIndex(word => word.startsWith('-'));
    const requirement = (firstOption < 0 ? words : words.slice(0, firstOption)).join(' ').trim();
    const where = `${file}:${line}`;
    const parsed = parseOptions(firstOption < 0 ? '' : words.slice(firstOption).join(' '));
    if (!parsed.ok)
        return void reading.problems.push(`${where}: ${parsed.error}`);
    const { options } = parsed;
    const hashes = lockedHashes(options, where, reading);
    if (requirement)
        return readRequirement(file, line, requirement, hashes, reading);
    if (options.some(option => option.name === 'hash'))
        reading.problems.push(`${where}: --hash needs a requirement on its line`);
    readOptionLine(file, line, options, reading);
}
/**
 * pip's `_parse_and_recurse`: on a line without a requirement, the first `-r` is followed, else the
 * first `-c`, else the first `-e` is an editable requirement; options on a requirement's line apply to
 * it alone.
 */
function readOptionLine(file, line, options, reading) {
    const first = (name) => options.find(option => option.name === name)?.value;
    const include = first('requirement') ?? first('constraint');
    const editable = first('editable');
    const indexes = options.filter(o => INDEX_OPTIONS.has(o.name) && o.value !== undefined);
    for (const { value } of indexes)
        (reading.indexes ??= []).push({ where: `${file}:${line}`, url: value ?? '' });
    if (include !== undefined)
        reading.includes.push({ target: include, line });
    else if (editable !== undefined)
        reading.skipped.push({ file, line, text: editable, reason: 'editable' });
}
/** The options that make pip look for releases somewhere else than (or besides) the index. */
const INDEX_OPTIONS = new Set(['index-url', 'extra-index-url', 'find-links']);
const STRONG = new Set(['sha256', 'sha384', 'sha512']);
/** `--hash=sha256:…`: the sha256 digests kept (pip also allows sha384 and sha512, and no others). */
function lockedHashes(options, where, reading) {
    const hashes = [];
    for (const option of options.filter(o => o.name === 'hash')) {
        const [algorithm = '', digest] = splitOnce(option.value ?? '', ':');
        if (digest === undefined || !STRONG.has(algorithm)) {
            reading.problems.push(`${where}: --hash=${option.value}: not sha256:, sha384: or sha512: followed by a digest`);
        }
        else if (algorithm === 'sha256') {
            if (/^[0-9a-f]{64}$/i.test(digest))
                hashes.push({ sha256: digest.toLowerCase() });
            else
                reading.problems.push(`${where}: --hash=${option.value}: not a sha256 digest`);
        }
    }
    return hashes;
}
function readRequirement(file, line, text, hashes, reading) {
    const parsed = parseRequirement(text);
    if (!parsed.ok) {
        if (looksLikeUrlOrPath(text))
            reading.skipped.push({ file, line, text, reason: 'url' });
        else {
            const error = parsed.error.split('\n')[0];
            reading.problems.push(`${file}:${line}: ${text}: not a requirement (${error})`);
        }
        return;
    }
    const { requirement } = parsed;
    if (requirement.url !== undefined) {
        reading.skipped.push({ file, line, text, reason: 'url' });
        return;
    }
    const version = pinnedVersion(requirement.specifierText);
    if (version === undefined)
        reading.skipped.push({ file, line, text, reason: 'unpinned' });
    else
        reading.pins.push({ name: requirement.name, version, hashes, file });
}
/** The version of a lone `==` (no wildcard) or `===` clause: what pins one release. */
function pinnedVersion(specifier) {
    if (specifier === '' || (specifier.includes(',') && !specifier.startsWith('===')))
        return;
    const clause = parseSpecifier(specifier);
    if (!clause)
        return undefined;
    if (clause.operator === '===' || (clause.operator === '==' && !clause.wildcard))
        return clause.version;
    return undefined;
}
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ARCHIVE = /\.(?:whl|zip|tar|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz)$/i;
/** What pip installs from a link or a path rather than by name (`./pkg`, `pkg.whl`, `git+https://…`). */
function looksLikeUrlOrPath(text) {
    const target = text.split(';')[0]?.trim() ?? '';
    return (URL_SCHEME.test(target) || /^[./~]/.test(target) || /[/\\]/.test(target) || ARCHIVE.test(target));
}

;// CONCATENATED MODULE: ./src/packaging/pins/pipfile-lock.ts



/** The sections of a Pipfile.lock that hold packages: what `pipenv install` and `--dev` install. */
const SECTIONS = ['default', 'develop'];
/**
 * Pipfile.lock (pipfile-spec 6): `default` and `develop`, each `{name: {version: "==x", hashes:
 * ["sha256:…"]}}`; the hashes name no file. Entries with `git`, `file`, `path` or `editable` are no
 * index release, and are skipped.
 */
function readPipfileLock(file, source) {
    const reading = emptyReading();
    const document = parseJson(file, source, reading);
    if (!document)
        return reading;
    for (const section of SECTIONS) {
        const packages = document[section];
        if (packages === undefined)
            continue;
        if (!isTable(packages)) {
            reading.problems.push(`${file}: "${section}" is not an object`);
            reading.broken = true;
            continue;
        }
        for (const [name, entry] of Object.entries(packages))
            readEntry(file, `${file}: ${section}.${name}`, name, entry, reading);
    }
    return reading;
}
function readEntry(file, where, name, entry, reading) {
    if (!isTable(entry)) {
        reading.problems.push(`${where}: not an object`);
        return;
    }
    if ('git' in entry || 'file' in entry)
        return void reading.skipped.push(skip('url'));
    if ('path' in entry || entry.editable === true)
        return void reading.skipped.push(skip('local'));
    const specifier = lock_fields_text(entry.version);
    const version = specifier === undefined ? undefined : pinnedVersion(specifier);
    if (version === undefined) {
        if (specifier !== undefined && specifier !== '*' && !/^[=<>!~]/.test(specifier))
            reading.problems.push(`${where}: version ${JSON.stringify(specifier)} is no specifier`);
        return void reading.skipped.push(skip(specifier === undefined ? 'no-version' : 'unpinned'));
    }
    const hashes = [];
    for (const hash of Array.isArray(entry.hashes) ? entry.hashes : []) {
        const sha256 = prefixedSha256(hash);
        if (sha256 !== undefined)
            hashes.push({ sha256 });
        else if (!/^sha(?:384|512):/.test(lock_fields_text(hash) ?? ''))
            reading.problems.push(`${where}: hash ${JSON.stringify(hash)} is not sha256:<64 hex digits>`);
    }
    reading.pins.push({ name, version, hashes, file });
    function skip(reason) {
        return { file, text: name, reason };
    }
}

;// CONCATENATED MODULE: ./src/packaging/pins/poetry-lock.ts



const NOT_AN_INDEX = new Map([
    ['git', 'url'],
    ['url', 'url'],
    ['file', 'local'],
    ['directory', 'local']
]);
/**
 * poetry.lock: `[[package]]` name, version, `files = [{file, hash}]` (lock-version 2.x, Poetry 1.5
 * on), or the files under `[metadata.files]` by package name (lock-version 1.x). A `[package.source]`
 * of type git, url, file or directory is no index release and is skipped; `legacy` (a custom index)
 * is read like PyPI.
 */
function readPoetryLock(file, source) {
    const reading = emptyReading();
    const document = parseToml(file, source, reading);
    if (!document)
        return reading;
    const legacyFiles = legacyFilesByName(document);
    packageTables(file, document, 'package', reading).forEach((package_, index) => {
        const where = `${file}: [[package]] ${index + 1}`;
        const found = nameAndVersion(package_, where, reading);
        if (!found)
            return;
        const { name, version } = found;
        const kind = isTable(package_.source) ? lock_fields_text(package_.source.type) : undefined;
        const notAnIndex = kind === undefined ? undefined : NOT_AN_INDEX.get(kind);
        if (notAnIndex || version === undefined) {
            reading.skipped.push({ file, text: name, reason: notAnIndex ?? 'no-version' });
            return;
        }
        const entries = package_.files ?? legacyFiles.get(normalizeName(name));
        const hashes = lockedFiles(tablesOf(entries), `${where} (${name})`, reading);
        reading.pins.push({ name, version, hashes, file });
    });
    return reading;
}
function legacyFilesByName(document) {
    const files = isTable(document.metadata) ? document.metadata.files : undefined;
    if (!isTable(files))
        return new Map();
    return new Map(Object.entries(files).map(([name, entries]) => [normalizeName(name), entries]));
}

;// CONCATENATED MODULE: ./src/packaging/pins/uv-lock.ts


/**
 * uv.lock (`version = 1`, uv 0.4 on): `[[package]]` name, version, `source`, `sdist` and `wheels[]`
 * with `url` (or `path`) and `hash = "sha256:…"`. Only packages from an index (`source.registry`)
 * are pins; the project itself (editable, virtual) and git, URL and path sources are skipped.
 * A package locked at two versions (a fork by marker) gives two pins.
 */
function readUvLock(file, text) {
    const reading = emptyReading();
    const document = parseToml(file, text, reading);
    if (!document)
        return reading;
    packageTables(file, document, 'package', reading).forEach((package_, index) => {
        const where = `${file}: [[package]] ${index + 1}`;
        const found = nameAndVersion(package_, where, reading);
        if (!found)
            return;
        const { name, version } = found;
        const registry = isTable(package_.source) ? package_.source.registry : undefined;
        if (typeof registry === 'string')
            (reading.indexes ??= []).push({ where: file, url: registry });
        const notPinned = skipReason(package_.source, version);
        if (notPinned || version === undefined) {
            reading.skipped.push({ file, text: name, reason: notPinned ?? 'no-version' });
            return;
        }
        const artifacts = [package_.sdist, ...tablesOf(package_.wheels)].filter(isTable);
        const hashes = lockedFiles(artifacts, `${where} (${name})`, reading);
        reading.pins.push({ name, version, hashes, file });
    });
    return reading;
}
function skipReason(source, version) {
    if (!isTable(source) || 'registry' in source)
        return version === undefined ? 'no-version' : undefined;
    return 'git' in source || 'url' in source ? 'url' : 'local';
}

;// CONCATENATED MODULE: ./src/packaging/pins/read.ts







const LOCK_READERS = new Map([
    ['uv.lock', readUvLock],
    ['poetry.lock', readPoetryLock],
    ['pdm.lock', readPdmLock],
    ['Pipfile.lock', readPipfileLock]
]);
/** The reader a file's name calls for: a lock's own, else the requirements-file format. */
function readerFor(file) {
    const name = external_node_path_.posix.basename(file);
    if (PYLOCK_NAME.test(name))
        return readPylock;
    return LOCK_READERS.get(name) ?? readRequirementsTxt;
}
/**
 * Reads pins from the given files; `read(path)` returns the text or undefined when absent (an
 * absent file given here is skipped: a tree may lack a file the other has). Follows `-r`/`-c`
 * includes relative to the including file, read as requirements files, each file once; a cycle,
 * a missing include, or one outside the tree or at a URL is a problem, never a throw. `readings`
 * keeps what each file read as across calls on the same texts, so that a caller that loads the
 * includes round by round parses each file once.
 */
function readPins(files, read, readings = new Map()) {
    const set = { pins: [], files: [], problems: [], skipped: [], broken: [], indexes: [] };
    /** `includedAt` names the include that led here: a missing file is then a problem. */
    const visit = (file, chain, reader, includedAt) => {
        if (set.files.includes(file))
            return;
        const text = read(file);
        if (text === undefined) {
            if (includedAt)
                set.problems.push(`${includedAt}: no such file (${file})`);
            return;
        }
        set.files.push(file);
        const key = `${reader.name}:${file}`;
        const reading = readings.get(key) ?? reader(file, text);
        readings.set(key, reading);
        set.pins = set.pins.concat(reading.pins);
        set.problems = set.problems.concat(reading.problems);
        set.skipped = set.skipped.concat(reading.skipped);
        if (reading.broken)
            set.broken.push(file);
        set.indexes = set.indexes.concat(reading.indexes ?? []);
        for (const include of reading.includes) {
            const where = `${file}:${include.line}: ${include.target}`;
            const target = resolveInclude(file, include, where, [...chain, file], set);
            if (target)
                visit(target, [...chain, file], readRequirementsTxt, where);
        }
    };
    for (const file of files) {
        const path = external_node_path_.posix.normalize(file).replace(/^(?:\.\/)+/, '');
        visit(path, [], readerFor(path));
    }
    return set;
}
/** The path an include names, or undefined with the problem that keeps it from being read. */
function resolveInclude(file, include, where, chain, set) {
    if (/^[a-z][a-z0-9+.-]+:/i.test(include.target)) {
        set.problems.push(`${where}: an include at a URL is not read`);
        return undefined;
    }
    const target = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(file), include.target));
    if (external_node_path_.posix.isAbsolute(include.target) || target === '..' || target.startsWith('../')) {
        set.problems.push(`${where}: outside the repository, not read`);
        return undefined;
    }
    if (chain.includes(target)) {
        set.problems.push(`${where}: a cycle (${[...chain, target].join(' → ')}), not read again`);
        return undefined;
    }
    return target;
}

;// CONCATENATED MODULE: ./src/packaging/pins/index.ts
// Pins read from a project's dependency files, and how they move between two trees (issue 31). Pure:
// the caller reads the files.




// EXTERNAL MODULE: ./node_modules/@jest/diff-sequences/build/index.js
var build = __nccwpck_require__(1268);
;// CONCATENATED MODULE: ./node_modules/@jest/diff-sequences/build/index.mjs


/* harmony default export */ const diff_sequences_build = (build["default"]);

;// CONCATENATED MODULE: ./src/compare/line-diff-hunks.ts
const NO_NEWLINE = '\\ No newline at end of file';
const NEWLINE = 10;
/**
 * Where a run of only deleted (or only inserted) lines could sit one line lower with the same meaning
 * (a blank line removed before or after a block), moves it as low as it goes, as jsdiff and git do: the
 * hunk then reads "block kept, blank line gone" rather than the reverse.
 */
function slideDown(changes, a, b) {
    for (let i = 0; i < changes.length; i++) {
        const change = changes[i];
        const next = changes[i + 1];
        const [aLimit, bLimit] = [next?.aStart ?? a.length, next?.bStart ?? b.length];
        const deleting = change.bStart === change.bEnd;
        const inserting = change.aStart === change.aEnd;
        if (deleting === inserting)
            continue;
        while (change.aEnd < aLimit &&
            change.bEnd < bLimit &&
            (deleting ? a[change.aEnd] === a[change.aStart] : b[change.bEnd] === b[change.bStart])) {
            change.aStart++;
            change.aEnd++;
            change.bStart++;
            change.bEnd++;
        }
    }
    return changes;
}
/**
 * Groups the changes into hunks with `context` lines around them and writes the first `maxLines`
 * lines; `total` counts them all.
 */
function formatHunks(changes, a, b, context, maxLines) {
    const hunks = [];
    for (const change of changes) {
        const last = hunks[hunks.length - 1];
        const previous = last?.[last.length - 1];
        if (last && previous && change.aStart - previous.aEnd <= 2 * context)
            last.push(change);
        else
            hunks.push([change]);
    }
    const out = [];
    let total = 0;
    for (const hunk of hunks) {
        const first = hunk[0];
        const final = hunk[hunk.length - 1];
        const lead = Math.min(context, first.aStart);
        const trail = Math.min(context, a.length - final.aEnd);
        const [aFrom, bFrom] = [first.aStart - lead, first.bStart - lead];
        const [aTo, bTo] = [final.aEnd + trail, final.bEnd + trail];
        const lines = [];
        let count = 0;
        const emit = (marker, side, i) => {
            const lastOfFile = i === side.length - 1;
            const missing = lastOfFile && side.text.charCodeAt(side.end(i) - 1) !== NEWLINE;
            if (total + 1 + count < maxLines) {
                const line = side.line(i);
                lines.push(marker + (line.endsWith('\n') ? line.slice(0, -1) : line));
                if (missing)
                    lines.push(NO_NEWLINE);
            }
            count += missing ? 2 : 1;
        };
        let aAt = aFrom;
        for (const change of hunk) {
            for (; aAt < change.aStart; aAt++)
                emit(' ', a, aAt);
            for (let i = change.aStart; i < change.aEnd; i++)
                emit('-', a, i);
            for (let j = change.bStart; j < change.bEnd; j++)
                emit('+', b, j);
            aAt = change.aEnd;
        }
        for (; aAt < aTo; aAt++)
            emit(' ', a, aAt);
        const [aCount, bCount] = [aTo - aFrom, bTo - bFrom];
        const aStart = aCount === 0 ? aFrom : aFrom + 1;
        const bStart = bCount === 0 ? bFrom : bFrom + 1;
        if (total < maxLines) {
            out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
            for (const line of lines)
                out.push(line);
        }
        total += 1 + count;
    }
    return { lines: out.slice(0, maxLines), total };
}

;// CONCATENATED MODULE: ./src/compare/line-diff-lines.ts
// A text's lines as offsets into it, and lines interned to integers (equal lines, equal ids).
/**
 * A text's lines, with their line ending attached as jsdiff's diffLines tokenises ("a\n" differs from
 * "a"), as offsets: only the lines a hunk shows are cut out of the text.
 */
class Lines {
    text;
    length;
    starts;
    constructor(text) {
        this.text = text;
        const starts = [0];
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1))
            starts.push(end + 1);
        if (starts[starts.length - 1] !== text.length)
            starts.push(text.length);
        this.starts = Int32Array.from(starts);
        this.length = starts.length - 1;
    }
    start(i) {
        return this.starts[i];
    }
    end(i) {
        return this.starts[i + 1];
    }
    line(i) {
        return this.text.slice(this.start(i), this.end(i));
    }
}
/**
 * Lines to integers, equal lines to the same one: an open-addressed table of FNV-1a hashes of the
 * lines' characters, sized once for both sides, so that no line is cut out of its text to be a key.
 */
class LineIds {
    size = 0;
    slots;
    hashes;
    /** Per id: the text and offsets of its first line. */
    texts = [];
    froms;
    tos;
    constructor(capacity) {
        let slots = 16;
        while (slots < 2 * capacity)
            slots *= 2;
        this.slots = new Int32Array(slots).fill(-1);
        this.hashes = new Int32Array(capacity);
        this.froms = new Int32Array(capacity);
        this.tos = new Int32Array(capacity);
    }
    intern(lines) {
        const out = new Int32Array(lines.length);
        for (let i = 0; i < lines.length; i++)
            out[i] = this.id(lines.text, lines.start(i), lines.end(i));
        return out;
    }
    id(text, from, to) {
        let hash = 0x811c9dc5;
        for (let k = from; k < to; k++)
            hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
        const mask = this.slots.length - 1;
        for (let slot = hash & mask;; slot = (slot + 1) & mask) {
            const id = this.slots[slot];
            if (id < 0) {
                this.slots[slot] = this.size;
                this.hashes[this.size] = hash;
                this.texts.push(text);
                this.froms[this.size] = from;
                this.tos[this.size] = to;
                return this.size++;
            }
            if (this.hashes[id] === hash && this.same(id, text, from, to))
                return id;
        }
    }
    same(id, text, from, to) {
        const [other, at] = [this.texts[id], this.froms[id]];
        if (this.tos[id] - at !== to - from)
            return false;
        for (let k = 0; k < to - from; k++)
            if (other.charCodeAt(at + k) !== text.charCodeAt(from + k))
                return false;
        return true;
    }
}

;// CONCATENATED MODULE: ./src/compare/line-diff.ts



// The package's types describe its CommonJS build; its ESM entry's default export is the function.
const diffSequence = diff_sequences_build;
/**
 * The work (in units: a line interned, counted or compared) the diffs of one run may still spend,
 * shared by its files so that a release changed everywhere cannot stall the run. Counted, not timed,
 * so the same pair always gets the same report.
 */
class DiffBudget {
    remaining;
    granted;
    constructor(remaining) {
        this.remaining = remaining;
        this.granted = remaining;
    }
    /** The work spent so far (a count that tests can bound, where a clock would vary with load). */
    get spent() {
        return this.granted - this.remaining;
    }
}
/** Nesting of anchored gaps past which a gap is replaced whole (bounds adversarial reorderings). */
const MAX_DEPTH = 32;
/** Lines of a gap past the lines shown that are still diffed minimally (their work is tiny). */
const SMALL_GAP = 64;
class GaveUp extends Error {
}
class OverBudget extends Error {
}
/**
 * The unified diff of two texts, without file headers (`@@` hunks only), or undefined when the run's
 * budget is spent. Lines are interned to integers and the common head and tail trimmed. When the rest
 * is within `maxEditLength` edits, Jest's linear-space Myers diff (`@jest/diff-sequences`) gives the
 * minimal diff, the hunks GNU diff and jsdiff write. Past it, as git's patience diff does, the lines
 * found once on each side anchor the alignment (their longest increasing run), each gap between
 * anchors is diffed the same way, and a gap still too far apart is written as replaced whole, as GNU
 * diff gives up on minimality when a diff is too expensive. Once the hunks written reach `maxLines`,
 * the later gaps are only counted.
 */
function lineDiff(before, after, bounds, budget = new DiffBudget(Infinity)) {
    try {
        return new Differ(new Lines(before), new Lines(after), bounds, budget).run();
    }
    catch (error) {
        if (error instanceof OverBudget)
            return undefined;
        throw error;
    }
}
/** The hunks of lineDiff, all of them. */
function unifiedHunks(before, after, bounds) {
    return lineDiff(before, after, { ...bounds, maxLines: Infinity })?.hunks;
}
class Differ {
    oldLines;
    newLines;
    bounds;
    budget;
    a;
    b;
    /** Per line id: occurrences in the range being counted (always zero again between uses). */
    countA;
    countB;
    at;
    changes = [];
    /** Hunk lines the changes so far will take at least; past maxLines, gaps are only counted. */
    written = 0;
    constructor(oldLines, newLines, bounds, budget) {
        this.oldLines = oldLines;
        this.newLines = newLines;
        this.bounds = bounds;
        this.budget = budget;
        this.charge(oldLines.length + newLines.length);
        const ids = new LineIds(oldLines.length + newLines.length);
        this.a = ids.intern(oldLines);
        this.b = ids.intern(newLines);
        this.countA = new Int32Array(ids.size);
        this.countB = new Int32Array(ids.size);
        this.at = new Int32Array(ids.size);
    }
    run() {
        const { a, b } = this;
        let head = 0;
        while (head < a.length && head < b.length && a[head] === b[head])
            head++;
        let tail = 0;
        while (tail < a.length - head &&
            tail < b.length - head &&
            a[a.length - 1 - tail] === b[b.length - 1 - tail])
            tail++;
        const range = { aStart: head, aEnd: a.length - tail, bStart: head, bEnd: b.length - tail };
        let anchored = false;
        const exact = this.minimal(range);
        if (exact)
            for (const change of exact)
                this.changes.push(change);
        else {
            anchored = true;
            this.anchor(range, 0);
        }
        const changes = slideDown(this.changes, a, b);
        const { lines, total } = formatHunks(changes, this.oldLines, this.newLines, this.bounds.contextLines, this.bounds.maxLines ?? Infinity);
        let [added, removed] = [0, 0];
        const addedSpans = [];
        for (const c of changes) {
            ;
            [added, removed] = [added + c.bEnd - c.bStart, removed + c.aEnd - c.aStart];
            if (c.bEnd > c.bStart)
                addedSpans.push(span(this.newLines, c.bStart, c.bEnd));
        }
        return { hunks: lines.join('\n'), lines: total, added, removed, anchored, addedSpans };
    }
    charge(units) {
        this.budget.remaining -= units;
        if (this.budget.remaining < 0)
            throw new OverBudget();
    }
    /** The minimal changes of a range, or undefined when they are more than maxEditLength edits. */
    minimal(range) {
        const [n, m] = [range.aEnd - range.aStart, range.bEnd - range.bStart];
        if (n === 0 || m === 0)
            return n + m ? [{ ...range }] : [];
        const fewest = this.fewestEdits(range);
        // No line in common: replacing the range whole is the minimal diff.
        if (fewest === n + m)
            return [{ ...range }];
        if (fewest > this.bounds.maxEditLength)
            return undefined;
        const { a, b } = this;
        const [aHead, bHead] = [range.aStart, range.bStart];
        const changes = [];
        let [aNext, bNext] = [aHead, bHead];
        // Myers' work grows with N·D; this stands for an edit distance of maxEditLength.
        const limit = Math.max(1, n + m) * this.bounds.maxEditLength;
        const work = Math.min(limit, this.budget.remaining);
        let left = work;
        const isCommon = (i, j) => {
            if (--left < 0)
                throw limit <= this.budget.remaining ? new GaveUp() : new OverBudget();
            return a[aHead + i] === b[bHead + j];
        };
        const foundSubsequence = (count, aCommon, bCommon) => {
            const [aAt, bAt] = [aHead + aCommon, bHead + bCommon];
            if (aAt > aNext || bAt > bNext)
                changes.push({ aStart: aNext, aEnd: aAt, bStart: bNext, bEnd: bAt });
            aNext = aAt + count;
            bNext = bAt + count;
        };
        try {
            diffSequence(n, m, isCommon, foundSubsequence);
        }
        catch (error) {
            this.budget.remaining -= work;
            if (error instanceof GaveUp)
                return undefined;
            throw error;
        }
        this.charge(work - left);
        if (range.aEnd > aNext || range.bEnd > bNext)
            changes.push({ aStart: aNext, aEnd: range.aEnd, bStart: bNext, bEnd: range.bEnd });
        return changes;
    }
    /** A lower bound on the edit distance: the lines of either side the other side lacks. */
    fewestEdits({ aStart, aEnd, bStart, bEnd }) {
        const { a, b, countA } = this;
        this.charge(2 * (aEnd - aStart) + (bEnd - bStart));
        for (let i = aStart; i < aEnd; i++)
            countA[a[i]]++;
        let common = 0;
        for (let j = bStart; j < bEnd; j++) {
            const id = b[j];
            if (countA[id] > 0) {
                countA[id]--;
                common++;
            }
        }
        for (let i = aStart; i < aEnd; i++)
            countA[a[i]] = 0;
        return aEnd - aStart + (bEnd - bStart) - 2 * common;
    }
    /** Adds the changes of a range, anchored on its unique common lines (patience diff). */
    anchor(range, depth) {
        const { a, b } = this;
        let { aStart, aEnd, bStart, bEnd } = range;
        while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart])
            [aStart, bStart] = [aStart + 1, bStart + 1];
        while (aEnd > aStart && bEnd > bStart && a[aEnd - 1] === b[bEnd - 1])
            [aEnd, bEnd] = [aEnd - 1, bEnd - 1];
        const gap = { aStart, aEnd, bStart, bEnd };
        if (aStart === aEnd || bStart === bEnd)
            return this.add(gap);
        if (this.counting())
            return this.count(gap);
        const anchors = depth < MAX_DEPTH ? this.uniqueAnchors(gap) : [];
        if (anchors.length === 0) {
            const exact = this.minimal(gap);
            if (exact)
                for (const change of exact)
                    this.add(change);
            else
                this.add(gap);
            return;
        }
        let [aNext, bNext] = [aStart, bStart];
        for (const [i, j] of anchors) {
            this.anchor({ aStart: aNext, aEnd: i, bStart: bNext, bEnd: j }, depth + 1);
            [aNext, bNext] = [i + 1, j + 1];
        }
        this.anchor({ aStart: aNext, aEnd, bStart: bNext, bEnd }, depth + 1);
    }
    /** Past the lines shown: a small gap still gets its minimal changes (cheap); a large one is counted whole. */
    count(gap) {
        const exact = gap.aEnd - gap.aStart + (gap.bEnd - gap.bStart) <= SMALL_GAP && this.minimal(gap);
        if (exact)
            for (const change of exact)
                this.add(change);
        else
            this.add(gap);
    }
    counting() {
        return this.written > (this.bounds.maxLines ?? Infinity);
    }
    add(change) {
        const size = change.aEnd - change.aStart + (change.bEnd - change.bStart);
        if (size === 0)
            return;
        this.changes.push(change);
        this.written += size + 1;
    }
    /**
     * The lines found exactly once on each side of the range, as [a index, b index] pairs: the longest
     * run of them in the same order on both sides (patience sorting, O(k log k)).
     */
    uniqueAnchors({ aStart, aEnd, bStart, bEnd }) {
        const { a, b, countA, countB, at } = this;
        this.charge(2 * (aEnd - aStart + (bEnd - bStart)));
        for (let i = aStart; i < aEnd; i++) {
            const id = a[i];
            countA[id]++;
            at[id] = i;
        }
        for (let j = bStart; j < bEnd; j++)
            countB[b[j]]++;
        const pairs = [];
        for (let j = bStart; j < bEnd; j++) {
            const id = b[j];
            if (countA[id] === 1 && countB[id] === 1)
                pairs.push([at[id], j]);
        }
        for (let i = aStart; i < aEnd; i++)
            countA[a[i]] = 0;
        for (let j = bStart; j < bEnd; j++)
            countB[b[j]] = 0;
        return longestIncreasing(pairs);
    }
}
function span(lines, start, end) {
    return { line: start + 1, from: lines.start(start), to: lines.end(end - 1) };
}
/** The longest subsequence of pairs (in b order) whose a indexes increase. */
function longestIncreasing(pairs) {
    const tails = [];
    const previous = new Int32Array(pairs.length);
    for (let k = 0; k < pairs.length; k++) {
        const value = pairs[k][0];
        let [low, high] = [0, tails.length];
        while (low < high) {
            const mid = (low + high) >> 1;
            if (pairs[tails[mid]][0] < value)
                low = mid + 1;
            else
                high = mid;
        }
        previous[k] = low > 0 ? tails[low - 1] : -1;
        tails[low] = k;
    }
    const out = [];
    for (let k = tails[tails.length - 1] ?? -1; k >= 0; k = previous[k])
        out.push(pairs[k]);
    return out.reverse();
}

;// CONCATENATED MODULE: ./src/compare/file-diff.ts


const DEFAULT_DIFF_LIMITS = {
    maxPatchLines: 400,
    maxEditLength: 2500,
    runWork: 200_000_000,
    contextLines: 3
};
/**
 * The longest patch a report holds, in characters (the report schema's cap): 400 lines of a minified
 * asset can be megabytes, so a longer patch is cut, at a line break where there is one, with a note.
 */
const MAX_PATCH_CHARS = 1_000_000;
/** `spans`, when given, receives the file's ChangedSpans when a text diff was made. */
function diffEntries(old, now, limits = DEFAULT_DIFF_LIMITS, budget = new DiffBudget(limits.runWork), spans) {
    const base = {
        path: now.path,
        ...(old.path !== now.path && { oldPath: old.path }),
        oldSize: old.size,
        newSize: now.size,
        oldSha256: old.sha256,
        newSha256: now.sha256
    };
    if (old.linkTarget !== undefined || now.linkTarget !== undefined) {
        return {
            ...base,
            kind: 'link',
            note: `link target ${old.linkTarget ?? '-'} → ${now.linkTarget ?? '-'}`
        };
    }
    if (old.binary || now.binary)
        return { ...base, kind: 'binary', note: 'binary content changed' };
    const before = (0,decode_text/* entryText */.u0)(old);
    const after = (0,decode_text/* entryText */.u0)(now);
    if (before === undefined || after === undefined) {
        return { ...base, kind: 'too-large', note: 'too large to diff; compared by size and SHA-256' };
    }
    if (sameButLineEndings(before, after)) {
        return { ...base, kind: 'text', note: 'line endings only (CRLF ↔ LF); the text is the same' };
    }
    const diff = lineDiff(before, after, {
        contextLines: limits.contextLines,
        maxEditLength: limits.maxEditLength,
        maxLines: limits.maxPatchLines - 2
    }, budget);
    if (diff === undefined) {
        return {
            ...base,
            kind: 'text',
            summarised: true,
            note: `not diffed: the run's diff budget (${limits.runWork.toLocaleString('en')} work units) was spent on earlier files; ${lineCount(before)} → ${lineCount(after)} lines, compared by SHA-256`
        };
    }
    // Paths as text: a reviewer reads `café.py`, not git's octal escapes.
    const header = [`--- a/${oneLine(old.path)}`, `+++ b/${oneLine(now.path)}`];
    const full = [...header, ...(diff.hunks ? [diff.hunks] : [])].join('\n');
    const patch = cutPatch(full);
    spans?.set(now.path, { added: diff.addedSpans, shownBefore: shownBefore(patch) });
    const total = header.length + diff.lines;
    const notes = [
        ...(diff.anchored
            ? [
                `changed in many places (+${diff.added} −${diff.removed} lines): aligned on the lines found once in both files, not a minimal diff`
            ]
            : []),
        ...(total > limits.maxPatchLines
            ? [`diff cut after ${limits.maxPatchLines} of ${total} lines`]
            : []),
        ...(patch.length < full.length
            ? [
                `diff cut after ${patch.length.toLocaleString('en')} of ${full.length.toLocaleString('en')} characters`
            ]
            : [])
    ];
    return { ...base, kind: 'text', patch, ...(notes.length && { note: notes.join('; ') }) };
}
function shownBefore(patch) {
    return patch
        .split('\n')
        .slice(2)
        .filter(line => line.startsWith(' ') || line.startsWith('-'))
        .map(line => line.slice(1))
        .join('\n');
}
function cutPatch(patch) {
    if (patch.length <= MAX_PATCH_CHARS)
        return patch;
    const lastBreak = patch.lastIndexOf('\n', MAX_PATCH_CHARS);
    // A surrogate pair is never split, so the cut text is still valid UTF-16.
    const end = lastBreak > MAX_PATCH_CHARS / 2 ? lastBreak : MAX_PATCH_CHARS;
    const high = patch.charCodeAt(end - 1);
    return patch.slice(0, high >= 0xd800 && high <= 0xdbff ? end - 1 : end);
}
const [CR, LF] = [13, 10];
/**
 * Whether the texts differ only in CRLF ↔ LF (a lone CR counting as a line break too): one walk that
 * stops at the first difference, so a changed file is not searched whole for a CR first.
 */
function sameButLineEndings(before, after) {
    let [i, j] = [0, 0];
    while (i < before.length && j < after.length) {
        let [x, y] = [before.charCodeAt(i), after.charCodeAt(j)];
        if (x === CR)
            [x, i] = [LF, before.charCodeAt(i + 1) === LF ? i + 1 : i];
        if (y === CR)
            [y, j] = [LF, after.charCodeAt(j + 1) === LF ? j + 1 : j];
        if (x !== y)
            return false;
        [i, j] = [i + 1, j + 1];
    }
    return i === before.length && j === after.length;
}
function lineCount(text) {
    let count = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
        count++;
    return count + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
}
/** A path on one header line: line breaks and other control characters as visible escapes. */
function oneLine(path) {
    // eslint-disable-next-line no-control-regex
    return path.replace(/[\u0000-\u001f\u007f]/g, c => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

;// CONCATENATED MODULE: ./src/report/report-schema.ts


// The JSON schema of a run report (`--format json` of a release, the Action's `report-path`), used to read
// back a report that crossed a trust boundary (an artifact of a fork's workflow run). It is typed by
// ajv's JSONSchemaType against the report's TypeScript types, so the two cannot drift apart: a field
// added to a type and not here (or the other way round) is a type error. Strings and lists are capped,
// so that a crafted report cannot make the comment step do unbounded work; report mode cuts its report
// to the same caps before writing it (fitToSchema).
/** Marks an optional property: ajv's types spell "may be absent" as `nullable` (nulls are dropped first). */
const report_schema_optional = (schema) => ({ ...schema, nullable: true });
const report_schema_text = (maxLength = 20_000) => ({ type: 'string', maxLength });
const hex = (digits) => ({ type: 'string', pattern: `^${digits}$` });
const count = { type: 'integer', minimum: 0 };
const risk = { type: 'string', enum: RISKS };
const report_schema_list = (items, maxItems = 100_000) => ({ type: 'array', items, maxItems });
const summary = {
    type: 'object',
    required: ['name', 'version', 'filename', 'sha256'],
    properties: {
        name: report_schema_text(300),
        version: report_schema_text(300),
        filename: report_schema_text(1000),
        sha256: hex('[0-9a-f]{64}')
    }
};
const glance = {
    type: 'object',
    required: ['version', 'dependencies', 'extras', 'entryPoints', 'files', 'bytes'],
    properties: {
        version: report_schema_text(300),
        requiresPython: report_schema_optional(report_schema_text(1000)),
        dependencies: report_schema_list(report_schema_text(300), 10_000),
        extraDependencies: report_schema_optional(report_schema_list(report_schema_text(300), 10_000)),
        publishedBy: report_schema_optional(report_schema_text(2000)),
        extras: report_schema_list(report_schema_text(300), 10_000),
        license: report_schema_optional(report_schema_text(2000)),
        entryPoints: report_schema_list(report_schema_text(1000), 10_000),
        files: count,
        bytes: count
    }
};
const finding = {
    type: 'object',
    required: ['rule', 'severity', 'message'],
    properties: {
        rule: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,60}$' },
        severity: { type: 'string', enum: SEVERITIES },
        message: report_schema_text(),
        path: report_schema_optional(report_schema_text(4096)),
        accepted: report_schema_optional(report_schema_text(2000))
    }
};
const path = report_schema_text(4096);
const files = {
    type: 'object',
    required: ['added', 'removed', 'modified', 'renamed', 'modeChanged', 'typeChanged', 'unchanged'],
    properties: {
        added: report_schema_list(path),
        removed: report_schema_list(path),
        modified: report_schema_list(path),
        renamed: report_schema_list({
            type: 'object',
            required: ['from', 'to'],
            properties: {
                from: path,
                to: path,
                similarity: report_schema_optional({ type: 'integer', minimum: 0, maximum: 100 })
            }
        }),
        modeChanged: report_schema_list(path),
        typeChanged: report_schema_list(path),
        unchanged: count
    }
};
const diff = {
    type: 'object',
    required: ['path', 'kind', 'oldSize', 'newSize', 'oldSha256', 'newSha256'],
    properties: {
        path,
        oldPath: report_schema_optional(path),
        kind: { type: 'string', enum: ['text', 'binary', 'link', 'too-large'] },
        patch: report_schema_optional(report_schema_text(MAX_PATCH_CHARS)),
        note: report_schema_optional(report_schema_text(2000)),
        summarised: report_schema_optional({ type: 'boolean', enum: [true] }),
        oldSize: count,
        newSize: count,
        oldSha256: hex('([0-9a-f]{64})?'),
        newSha256: hex('([0-9a-f]{64})?')
    }
};
/** A package's report, or (with `wheels` refused) one of its wheels' reports. */
const report = (wheels) => ({
    type: 'object',
    required: ['schemaVersion', 'previous', 'current', 'risk', 'findings', 'files', 'diffs'],
    properties: {
        schemaVersion: { type: 'integer', const: 1 },
        previous: { anyOf: [summary, { type: 'null', nullable: true }] },
        current: summary,
        risk,
        glance: report_schema_optional({
            type: 'object',
            required: ['previous', 'current'],
            properties: {
                previous: { anyOf: [glance, { type: 'null', nullable: true }] },
                current: glance
            }
        }),
        findings: report_schema_list(finding),
        files,
        diffs: report_schema_list(diff),
        wheels
    }
});
const pullRequest = {
    type: 'object',
    required: ['number', 'headSha'],
    properties: { number: { type: 'integer', minimum: 1 }, headSha: hex('[0-9a-f]{40}') }
};
/** The most dependency changes a report holds: a review of more refuses to start (pipeline/dependencies). */
const MAX_DEPENDENCY_CHANGES = 5000;
const pinned = {
    type: 'object',
    required: ['version', 'files'],
    properties: { version: report_schema_text(300), files: report_schema_list(path, 100) }
};
const dependency = {
    type: 'object',
    required: ['name', 'change', 'previous', 'current', 'risk', 'findings'],
    properties: {
        name: report_schema_text(300),
        change: { type: 'string', enum: ['upgraded', 'downgraded', 'added', 'removed'] },
        previous: { anyOf: [pinned, { type: 'null', nullable: true }] },
        current: { anyOf: [pinned, { type: 'null', nullable: true }] },
        risk,
        findings: report_schema_list(finding, 1000)
    }
};
/** Matches no value; ajv's types have no spelling for it. */
const NOTHING = { not: {} };
/** `$ref`s to it are untyped, so it is typed here against the property they stand for. */
const wheels = report_schema_list(report({ $ref: '#/$defs/none' }), 200);
const RUN_REPORT_SCHEMA = {
    type: 'object',
    required: ['schemaVersion', 'risk', 'packages'],
    properties: {
        schemaVersion: { type: 'integer', const: 1 },
        risk,
        packages: report_schema_list(report({ $ref: '#/$defs/wheels' }), 1000),
        pullRequest: report_schema_optional(pullRequest),
        dependencies: report_schema_optional(report_schema_list(dependency, MAX_DEPENDENCY_CHANGES))
    },
    // A wheel's report has no wheels of its own.
    $defs: { wheels: report_schema_optional(wheels), none: NOTHING }
};

;// CONCATENATED MODULE: ./src/pipeline/dependencies.ts









/** Reads both sides' pins, and judges every dependency whose pinned version changed. */
async function reviewDependencies(request, effects) {
    const [base, head] = await Promise.all([
        pinsOf(request.base, request.globs, effects),
        pinsOf(request.head, request.globs, effects)
    ]);
    if (head.broken.length)
        throw new Error(`${head.broken.join(', ')} in ${request.head.name} cannot be read (${head.problems.filter(problem => head.broken.some(file => problem.startsWith(file))).join('; ')}): fix it, since read as it is, every pin in it would count as removed`);
    for (const line of otherIndexes(head, request.indexUrl))
        effects.log(line);
    const changes = diffPins(base, head);
    if (changes.length > MAX_DEPENDENCY_CHANGES)
        throw new Error(`${changes.length} pinned versions changed between ${request.base.name} and ${request.head.name}, more than the ${MAX_DEPENDENCY_CHANGES} one review judges: nothing was looked up. Check the dependency files (${head.files.join(', ')}), or name fewer with dependency-files`);
    effects.log(`dependencies: ${changes.length} pinned version(s) changed between ${request.base.name} and ${request.head.name} (${head.files.join(', ') || NO_FILES})`);
    const limit = pLimit(request.concurrency);
    let done = 0;
    const judged = await Promise.all(changes.map(change => limit(async () => {
        const result = await judgeChange(change, request.judge, effects);
        effects.log(`[${++done}/${changes.length}] ${dependencies_describe(change)}: risk ${result.entry.risk}`);
        return result;
    })));
    const packages = judged.flatMap(result => result.reports);
    const dependencies = judged.map(result => result.entry);
    return {
        schemaVersion: 1,
        risk: highestRisk(dependencies.map(entry => entry.risk)),
        packages,
        dependencies
    };
}
/**
 * A side's pins. The readers take text synchronously, so the files they ask for are loaded first, and
 * again for the includes (`-r`, `-c`) they find, until nothing new is asked for.
 */
async function pinsOf(tree, globs, effects) {
    const texts = new Map();
    // Each round reads the files again for the includes they name; each file is parsed once.
    const readings = new Map();
    const files = dependencyFiles(tree.paths, globs);
    let wanted = files;
    for (let round = 0; round < MAX_INCLUDE_ROUNDS && wanted.length; round++) {
        await Promise.all(wanted.map(async (path) => texts.set(path, await tree.read(path))));
        const asked = [];
        readPins(files, path => {
            if (!texts.has(path))
                asked.push(path);
            return texts.get(path);
        }, readings);
        wanted = [...new Set(asked)];
    }
    const pins = readPins(files, path => texts.get(path), readings);
    for (const problem of pins.problems)
        effects.log(`dependencies (${tree.name}): ${problem}`);
    return pins;
}
const NO_FILES = `no dependency files: none is named ${DETECTED_NAMES} outside installed environments and vendored folders; name yours with the dependency-files input (--dependency-files on the command line)`;
/**
 * The indexes the head's files send their installer to besides `index-url` (pip's `--index-url`,
 * `--extra-index-url`, `--find-links`, a uv.lock's registry), once each: the installer asks them; this
 * review, judging every release on `index-url`, never does.
 */
function otherIndexes(pins, indexUrl) {
    const ours = indexUrl === undefined ? undefined : comparable(indexUrl);
    const first = new Map();
    for (const { where, url } of pins.indexes)
        if (comparable(url) !== ours && !first.has(comparable(url)))
            first.set(comparable(url), `${where}: ${withoutCredentials(url)}`);
    const judgedOn = indexUrl === undefined ? 'index-url' : withoutCredentials(indexUrl);
    return [...first.values()].map(named => `dependencies: ${named} is an index the installer uses; this review never asks it, and judges every release on ${judgedOn}`);
}
const comparable = (url) => withoutCredentials(url.trim()).replace(/\/+$/, '').toLowerCase();
/** Includes nest; past this depth the reader reports what it could not open. */
const MAX_INCLUDE_ROUNDS = 16;
async function judgeChange(change, config, effects) {
    const { previous, current } = change;
    const entry = {
        name: (current ?? previous)?.name ?? change.name,
        change: change.kind,
        previous: previous ? dependencies_pinned(previous) : null,
        current: current ? dependencies_pinned(current) : null,
        risk: 'none',
        findings: []
    };
    if (!current)
        return { entry, reports: [] };
    let reports = [];
    try {
        const files = await effects.listFiles(current.name);
        if (!files)
            throw new Error(`${current.name} is not on the index`);
        const served = filesOfVersion(files, current.name, current.version);
        entry.findings = pinFindings(lockHashMismatch, lockHashFindings(current, current.hashes, served), config);
        reports = await effects.judgeRelease(current.name, previous?.version, current.version, files);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        entry.findings = entry.findings.concat(pinFindings(dependencyNotJudged, [{ message: `${dependencies_describe(change)} was not compared: ${reason}` }], config));
    }
    const open = entry.findings.filter(f => !f.accepted).map(f => f.severity);
    entry.risk = highestRisk([...open, ...reports.map(report => report.risk)]);
    return { entry, reports };
}
function dependencies_pinned(pin) {
    return { version: pin.version, files: [pin.file] };
}
/** The files the index serves for one version: its sdists and wheels, yanked ones included. */
function filesOfVersion(files, name, version) {
    const wanted = normalizeVersion(version);
    return files.filter(file => {
        const wheel = wheelName(file.filename);
        const found = wheel
            ? normalizeName(wheel.name) === normalizeName(name) && wheel.version
            : sdistVersion(file.filename, name);
        return typeof found === 'string' && normalizeVersion(found) === wanted;
    });
}
function dependencies_describe(change) {
    const name = (change.current ?? change.previous)?.name ?? change.name;
    const from = change.previous?.version;
    const to = change.current?.version;
    if (from && to)
        return `${name} ${from} → ${to}`;
    return to ? `${name} ${to} (added)` : `${name} ${from ?? ''} (removed)`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
;// CONCATENATED MODULE: ./src/read/tar-entry.ts
/** What the tar walk hands its visitor, and how it fails. */
class TarFormatError extends Error {
    problem;
    constructor(problem, message) {
        super(message);
        this.problem = problem;
    }
}
/** A header declares more bytes than the archive may expand to: refused before they are inflated. */
class DeclaredTooLarge extends Error {
    path;
    declared;
    constructor(path, declared) {
        super(`"${path}" declares ${declared} bytes`);
        this.path = path;
        this.declared = declared;
    }
}
function refuseDeclared(path, end, maxBytes) {
    if (end > maxBytes)
        throw new DeclaredTooLarge(path, end);
}

;// CONCATENATED MODULE: ./src/read/tar-fields.ts
/** Tar header fields and pax records, decoded as Python's tarfile decodes them. */
const BLOCK = 512;
/** `count` rounded up to whole blocks. */
function padded(count) {
    return Math.ceil(count / BLOCK) * BLOCK;
}
/** A NUL-terminated UTF-8 field. */
function fieldText(block, start, length) {
    const end = Math.min(start + length, block.length);
    const nul = block.indexOf(0, start);
    return block.toString('utf8', start, nul >= 0 && nul < end ? nul : end);
}
/** Python's str.strip() on ASCII text. */
// eslint-disable-next-line no-control-regex
const PYTHON_SPACE = /^[\t\n\v\f\r\x1c-\x1f ]+|[\t\n\v\f\r\x1c-\x1f ]+$/g;
/**
 * A number field as tarfile's `nti` reads it: base-256 after a 0x80 (or, negative, 0xff) byte; else the
 * text up to the first NUL given to Python's int(…, 8), which also takes a sign, `0o` and underscores.
 * Undefined where tarfile calls the header invalid.
 */
function headerNumber(block, start, length) {
    const plain = plainOctal(block, start, length);
    if (plain !== undefined)
        return plain;
    const first = block[start] ?? 0;
    if (first === 0x80 || first === 0xff) {
        let value = 0;
        for (let i = start + 1; i < start + length; i++)
            value = value * 256 + (block[i] ?? 0);
        if (first === 0xff)
            value -= 256 ** (length - 1);
        return Number.isSafeInteger(value) ? value : undefined;
    }
    const end = start + length;
    const nul = block.indexOf(0, start);
    const raw = block.subarray(start, nul >= start && nul < end ? nul : end);
    if (raw.some(byte => byte > 0x7f))
        return undefined;
    const digits = raw.toString('latin1').replace(PYTHON_SPACE, '');
    if (digits === '')
        return 0;
    const match = /^([+-]?)(?:0[oO]_?)?([0-7](?:_?[0-7])*)$/.exec(digits);
    if (!match)
        return undefined;
    const value = parseInt((match[2] ?? '').replaceAll('_', ''), 8);
    return match[1] === '-' ? -value : value;
}
/** Octal digits ended by NUL or space, as every tar writes them: read without building strings. */
function plainOctal(block, start, length) {
    let value = 0;
    let at = start;
    for (; at < start + length; at++) {
        const byte = block[at];
        if (byte < 0x30 || byte > 0x37)
            break;
        value = value * 8 + byte - 0x30;
    }
    if (at === start)
        return undefined;
    const limit = start + length;
    while (at < limit && block[at] === 0x20)
        at++;
    if (at < limit && block[at] !== 0)
        return undefined;
    return value;
}
/** The plain octal every tar writes (spaces before, space or NUL after), or GNU's base-256. */
function isCanonicalOctal(block, start, length) {
    if (block[start] === 0x80)
        return true;
    const text = block.toString('latin1', start, start + length).replace(/\0[\s\S]*$/, '');
    return /^ *[0-7]* *$/.test(text);
}
/** The sum of the header's bytes with the checksum field read as spaces: unsigned, or signed (old tars). */
function checksumValid(block) {
    const stored = headerNumber(block, 148, 8);
    if (stored === undefined)
        return false;
    let unsigned = 8 * 0x20;
    for (let i = 0; i < 148; i++)
        unsigned += block[i];
    for (let i = 156; i < BLOCK; i++)
        unsigned += block[i];
    if (stored === unsigned)
        return true;
    let signed = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++) {
        if (i === 148)
            i = 156;
        const byte = block[i];
        signed += byte > 127 ? byte - 256 : byte;
    }
    return stored === signed;
}
/** 'ustar' for POSIX ustar's magic (`ustar\0`), else what the magic field holds. */
function describeMagic(block) {
    const magic = block.toString('latin1', 257, 263);
    return magic === 'ustar\0' ? 'ustar' : JSON.stringify(magic);
}
/**
 * pax records as tarfile 3.11 parses them: `<length> <key>=` at each position, the value running to the
 * record's end less its newline; parsing stops quietly at the first position that does not match, and a
 * length of 0 makes the header invalid. `end` is how far the records reached.
 */
function paxRecords(body) {
    const records = new Map();
    let at = 0;
    let end = 0;
    for (;;) {
        let digitsEnd = at;
        while (digitsEnd < body.length && tar_fields_isDigit(body[digitsEnd]))
            digitsEnd++;
        if (digitsEnd === at || body[digitsEnd] !== 0x20)
            break;
        const equals = body.indexOf(0x3d, digitsEnd + 1);
        if (equals <= digitsEnd + 1)
            break;
        const length = Number(body.toString('latin1', at, digitsEnd));
        if (length === 0)
            return { records, end, invalid: true };
        const valueEnd = Math.min(at + length - 1, body.length);
        const key = body.toString('utf8', digitsEnd + 1, equals);
        const value = valueEnd > equals + 1 ? body.toString('utf8', equals + 1, valueEnd) : '';
        records.set(key, value);
        at += length;
        end = Math.max(end, at);
        if (!Number.isSafeInteger(at))
            break;
    }
    return { records, end, invalid: false };
}
function tar_fields_isDigit(byte) {
    return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}
/**
 * Python's int(text) on a pax value: undefined where it raises, 'unreadable' where the text holds
 * characters Python may read as digits or spaces that this does not (non-ASCII).
 */
function pythonInt(text) {
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u007f]/.test(text))
        return 'unreadable';
    const match = /^([+-]?)(\d(?:_?\d)*)$/.exec(text.replace(PYTHON_SPACE, ''));
    if (!match)
        return undefined;
    const value = Number((match[2] ?? '').replaceAll('_', ''));
    return match[1] === '-' ? -value : value;
}

;// CONCATENATED MODULE: ./src/read/tar-extension.ts


const NAMING_KEYS = new Set([
    'path',
    'linkpath',
    'size',
    'GNU.sparse.name',
    'GNU.sparse.size',
    'GNU.sparse.realsize'
]);
function isSparse(records) {
    return (records.has('GNU.sparse.map') ||
        records.has('GNU.sparse.size') ||
        (records.get('GNU.sparse.major') === '1' && records.get('GNU.sparse.minor') === '0'));
}
/** tarfile's `_apply_pax_info`: the records that replace a header's name, link and size. */
function applyPax(state, records, note) {
    for (const [key, value] of records) {
        if (key === 'path')
            state.name = value.replace(/\/+$/, '');
        else if (key === 'GNU.sparse.name')
            state.name = value;
        else if (key === 'linkpath')
            state.linkname = value;
        else if (key === 'size') {
            state.size = paxSize(value) ?? 0;
            if (!/^\d+$/.test(value))
                note?.(`a pax size "${value.slice(0, 40)}" that pip's tarfile reads as ${state.size}: GNU tar and node-tar refuse it or read it otherwise`);
        }
        else if (key === 'GNU.sparse.size' || key === 'GNU.sparse.realsize') {
            const size = paxSize(value);
            // tarfile's int() raises here, and pip fails.
            if (size === undefined)
                throw new TarFormatError('corrupt', `a pax ${key} "${value.slice(0, 40)}" is not a number`);
            state.size = size;
        }
    }
}
/** A pax size as Python's int() reads it; undefined where int() raises (tarfile then uses 0). */
function paxSize(value) {
    const size = pythonInt(value);
    if (size === 'unreadable')
        throw new TarFormatError('corrupt', `a pax size "${value.slice(0, 40)}" is not a plain number`);
    return size;
}
/** Two extension records naming the entry differently (tarfile takes the first, node-tar the last). */
function chainConflicts(chain) {
    const conflicts = [];
    const fields = [
        ['path', 'L', ['path', 'GNU.sparse.name']],
        ['linkpath', 'K', ['linkpath']],
        ['size', '', ['size']]
    ];
    for (const [field, long, keys] of fields) {
        const values = [];
        for (const extension of chain) {
            if (extension.kind === long)
                values.push(extension.value);
            if (extension.kind === 'x')
                for (const key of keys) {
                    const value = extension.local.get(key);
                    if (value !== undefined)
                        values.push(value);
                }
        }
        const [first] = values;
        const second = values.find(v => v !== first);
        if (first !== undefined && second !== undefined)
            conflicts.push(`${field} "${first}" or "${second}"`);
    }
    return conflicts;
}

;// CONCATENATED MODULE: ./src/read/tar-header.ts

/** A tar header block decoded as tarfile decodes it, and what its type code means to tarfile. */
const PAX_TYPES = new Set(['x', 'g', 'X']);
const LONG_TYPES = new Set(['L', 'K']);
/** tarfile's other SUPPORTED_TYPES: no data, whatever the size field says. */
const NO_DATA = new Set(['1', '2', '3', '4', '5', '6']);
const TYPE_NAMES = {
    '': 'File',
    '0': 'File',
    '1': 'Link',
    '2': 'SymbolicLink',
    '3': 'CharacterDevice',
    '4': 'BlockDevice',
    '5': 'Directory',
    '6': 'FIFO',
    '7': 'ContiguousFile',
    A: 'SolarisACL',
    D: 'GNUDumpDir',
    I: 'Inode',
    M: 'ContinuationFile',
    N: 'OldGnuLongPath',
    S: 'SparseFile',
    V: 'TapeVolumeHeader'
};
const LINK_TYPES = new Set(['1', '2']);
/** Types tarfile reads as regular files although other readers give them a meaning of their own. */
const FILE_LIKE = new Set(['A', 'D', 'I', 'M', 'N', 'V']);
/** tarfile's `frombuf`; undefined where tarfile finds the header invalid. */
function decode(block, size) {
    let code = String.fromCharCode(block[156] ?? 0).replace('\0', '');
    const numbers = [100, 108, 116, 136, 329, 337].map((at, i) => headerNumber(block, at, i === 3 ? 12 : 8));
    if (numbers.some(n => n === undefined))
        return undefined;
    if (code === 'S') {
        for (let at = 386; at < 482; at += 12)
            if (headerNumber(block, at, 12) === undefined)
                return undefined;
        if (headerNumber(block, 483, 12) === undefined)
            return undefined;
    }
    let name = fieldText(block, 0, 100);
    // An old (v7) folder: a regular-file type with a name ending in "/".
    if (code === '' && name.endsWith('/'))
        code = '5';
    if (code === '5')
        name = name.replace(/\/+$/, '');
    const prefix = fieldText(block, 345, 155);
    let foreignPrefix;
    if (prefix && !['L', 'K', 'S'].includes(code)) {
        name = `${prefix}/${name}`;
        if (describeMagic(block) !== 'ustar')
            foreignPrefix = prefix;
    }
    return {
        code,
        name,
        size,
        mode: numbers[0] ?? 0,
        linkname: fieldText(block, 157, 100),
        ...(foreignPrefix !== undefined && { foreignPrefix }),
        ...(!isCanonicalOctal(block, 124, 12) && {
            sizeField: printable(block.toString('latin1', 124, 136))
        })
    };
}
function printable(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u00ff]/g, c => `\\x${c.charCodeAt(0).toString(16)}`);
}

;// CONCATENATED MODULE: ./src/read/tar-member.ts




/**
 * tarfile applies the global records to the member itself, then each extension header from the
 * innermost out, so the first of two records wins; a local pax header re-applies the global records
 * it was read with. The step to the next header is the data size of the header, or of the size
 * record once a pax header with one applies.
 */
function resolveMember(decoded, dataSize, walk) {
    const { code } = decoded;
    const { chain, globals, maxBytes, chainStart: start } = walk;
    let shadow = walk.shadow;
    const hasData = !NO_DATA.has(code);
    const state = { name: decoded.name, linkname: decoded.linkname, size: decoded.size };
    const local = { ...state };
    let step = hasData ? dataSize : 0;
    let sparse = code === 'S';
    const disagreements = [];
    const note = (reason) => {
        if (!disagreements.includes(reason))
            disagreements.push(reason);
    };
    if (code !== 'S')
        applyPax(state, globals, note);
    for (const extension of [...chain].reverse()) {
        if (extension.kind === 'L')
            state.name = local.name = extension.value;
        else if (extension.kind === 'K')
            state.linkname = local.linkname = extension.value;
        else if (extension.kind === 'x') {
            applyPax(state, extension.snapshot, note);
            applyPax(local, extension.local);
            if (extension.snapshot.has('size'))
                step = hasData ? state.size : 0;
            if (isSparse(extension.snapshot)) {
                if (extension.snapshot.has('size'))
                    throw new TarFormatError('corrupt', 'a pax sparse file also has a size record');
                sparse = true;
            }
        }
    }
    if (isSparse(globals))
        sparse = true;
    const unsupported = !(code in TYPE_NAMES) || FILE_LIKE.has(code);
    const type = unsupported ? 'File' : sparse ? 'SparseFile' : (TYPE_NAMES[code] ?? 'File');
    if (unsupported)
        note(`${TYPE_NAMES[code] ?? `type "${printable(code)}"`} tar entry: pip's tarfile reads it as a regular file of ${state.size} bytes (pip extracts it as one where Python lacks tarfile's data filter, and refuses the archive where it has it); GNU tar and node-tar do not read a file`);
    const declared = Math.max(decoded.size, Number.isSafeInteger(state.size) ? state.size : 0);
    if (!hasData && declared > 0)
        note(`${type} header declares ${declared} bytes of data: pip's tarfile reads none and takes the next header right after it, GNU tar and node-tar skip those bytes`);
    if ((type === 'File' || type === 'ContiguousFile') && state.name.endsWith('/')) {
        note(`a file header named "${state.name}": pip's tarfile writes a file there, GNU tar and node-tar a folder`);
        state.name = state.name.replace(/\/+$/, '');
        local.name = local.name.replace(/\/+$/, '');
    }
    if (decoded.foreignPrefix !== undefined && state.name === decoded.name)
        note(`named with the ustar prefix field "${decoded.foreignPrefix}" in a header without ustar's magic: pip's tarfile joins it, GNU tar and node-tar read the name without it`);
    if (state.name !== local.name)
        note(`named by a global pax header (its own headers say "${local.name}"): pip's tarfile applies global paths, node-tar ignores them`);
    if (hasData && state.size !== local.size)
        note(`a global pax size record makes it ${state.size} bytes (its own headers say ${local.size}): pip's tarfile takes that many bytes from its data, other readers its own size`);
    if (decoded.sizeField !== undefined)
        note(`its size field "${decoded.sizeField}" is not plain octal: pip's tarfile reads ${decoded.size}, GNU tar and node-tar read it differently or refuse it`);
    if (shadow && start < shadow.until)
        note(`read by pip's tarfile from bytes that GNU tar and node-tar skip as the data of "${shadow.owner}"`);
    else
        shadow = undefined;
    if (!hasData && declared > 0)
        shadow = { until: start + BLOCK + padded(declared), owner: state.name };
    const linkpath = LINK_TYPES.has(code) ? state.linkname : undefined;
    if (linkpath === '')
        note("a link with no target: pip's tarfile reads it (and skips it on extraction), GNU tar refuses it");
    if (hasData && state.size < 0)
        throw new TarFormatError('corrupt', `"${state.name}" has a negative size`);
    refuseDeclared(state.name, start + BLOCK + padded(step), maxBytes);
    if (hasData)
        refuseDeclared(state.name, state.size, maxBytes);
    const conflicts = chainConflicts(chain);
    return {
        header: {
            path: state.name,
            type,
            mode: decoded.mode,
            size: hasData ? state.size : 0,
            linkpath,
            ...(conflicts.length > 0 && { conflicts }),
            ...(disagreements.length > 0 && { disagreements })
        },
        step,
        content: hasData ? state.size : 0,
        shadow
    };
}

;// CONCATENATED MODULE: ./src/read/tar-walk.ts






/**
 * The tar block walk, read as Python's tarfile reads it (pip unpacks sdists with tarfile, in
 * `untar_file`): which types carry data, how pax and GNU records apply, where the archive ends. Written
 * here because node-tar reads several of these differently, and where tarfile and the other readers
 * (GNU tar, node-tar) disagree the entry is flagged, naming what each sees. Python's tarfile is the
 * oracle in the tests, on every real sdist and on thousands of generated archives.
 */
const ZERO_BLOCK = Buffer.alloc(BLOCK);
/** pax and GNU long-name records larger than this are skipped (and flagged). */
const MAX_META_BYTES = 1024 ** 2;
/** A Writable that walks the tar stream written to it; `afterChunk` may hold the next write back. */
class TarWalker extends external_node_stream_.Writable {
    visitor;
    afterChunk;
    maxBytes;
    /** The archive ended at a zero block, as tarfile ends it. */
    sawEndMarker = false;
    sawEntry = false;
    done = false;
    offset = 0;
    partial;
    role = 'header';
    stream;
    remain = 0;
    chain = [];
    globals = new Map();
    /** An old GNU sparse header waiting for its extension blocks. */
    pendingSparse;
    /** Where the current entry's first header (extension or its own) starts. */
    chainStart = 0;
    shadow;
    constructor(visitor, afterChunk, maxBytes = Number.MAX_SAFE_INTEGER) {
        super();
        this.visitor = visitor;
        this.afterChunk = afterChunk;
        this.maxBytes = maxBytes;
    }
    _write(chunk, _encoding, callback) {
        try {
            this.consume(chunk);
        }
        catch (error) {
            return callback(error);
        }
        const wait = this.afterChunk?.(chunk.length);
        if (wait)
            void wait.then(() => callback(), callback);
        else
            callback();
    }
    _final(callback) {
        try {
            callback(this.endProblem());
        }
        catch (error) {
            callback(error);
        }
    }
    endProblem() {
        if (this.stream !== undefined || this.role === 'sparse-extension') {
            const needed = this.remain || BLOCK - (this.partial?.length ?? 0);
            return new TarFormatError('truncated', `the archive ends ${needed} bytes short of its last entry`);
        }
        if (this.role === 'header' && !this.done) {
            if (this.chain.length > 0)
                return new TarFormatError('truncated', 'the archive ends after an extension header, before its entry');
            if (!this.sawEntry)
                return new TarFormatError('not-tar', 'the gzip data does not hold a tar archive');
            if (this.partial !== undefined)
                this.visitor.archiveProblem(`the archive ends ${BLOCK - this.partial.length} bytes into a header block: pip's tarfile stops before it, GNU tar reports the archive truncated`);
        }
        if (!this.sawEntry)
            return new TarFormatError('empty', 'the archive holds no entries');
        return null;
    }
    consume(chunk) {
        let at = 0;
        while (at < chunk.length && !this.done) {
            if (this.stream !== undefined)
                at += this.takeStream(chunk, at);
            else
                at += this.takeBlock(chunk, at);
        }
    }
    takeStream(chunk, at) {
        const take = Math.min(this.remain, chunk.length - at);
        const part = chunk.subarray(at, at + take);
        const stream = this.stream;
        if (stream?.kind === 'entry') {
            if (stream.content > 0) {
                stream.sink?.data(part.subarray(0, stream.content));
                stream.content -= Math.min(stream.content, take);
            }
        }
        else if (stream?.kind === 'meta')
            stream.parts.push(Buffer.from(part));
        this.remain -= take;
        this.offset += take;
        if (this.remain === 0)
            this.endStream();
        return take;
    }
    takeBlock(chunk, at) {
        let block;
        let take;
        if (this.partial === undefined && chunk.length - at >= BLOCK) {
            block = chunk.subarray(at, at + BLOCK);
            take = BLOCK;
        }
        else {
            const have = this.partial?.length ?? 0;
            take = Math.min(BLOCK - have, chunk.length - at);
            block = Buffer.concat([this.partial ?? Buffer.alloc(0), chunk.subarray(at, at + take)]);
            if (block.length < BLOCK) {
                this.partial = block;
                return take;
            }
            this.partial = undefined;
        }
        const start = this.offset;
        this.offset += BLOCK;
        if (this.role === 'header')
            this.header(block, start);
        else if (this.role === 'sparse-extension')
            this.sparseExtension(block, start);
        else
            this.afterEnd(block, start);
        return take;
    }
    /** Reads `bytes` of the stream next (`content` of them to the entry's sink). */
    startStream(stream, bytes) {
        if (bytes === 0) {
            this.stream = stream;
            this.endStream();
            return;
        }
        this.stream = stream;
        this.remain = bytes;
    }
    endStream() {
        const stream = this.stream;
        this.stream = undefined;
        if (stream?.kind === 'entry')
            stream.sink?.end();
        else if (stream?.kind === 'meta')
            this.extension(stream, Buffer.concat(stream.parts));
    }
    header(block, start) {
        if (this.chain.length === 0)
            this.chainStart = start;
        if (block.equals(ZERO_BLOCK))
            return this.zeroBlock();
        if (!checksumValid(block))
            return this.invalidHeader(start, 'it fails its checksum');
        const size = headerNumber(block, 124, 12);
        const decoded = size === undefined ? undefined : decode(block, size);
        if (size === undefined || decoded === undefined)
            return this.invalidHeader(start, 'a number field is not a number');
        if (size < 0)
            throw new TarFormatError('corrupt', 'a header declares a negative size');
        const { code } = decoded;
        if (PAX_TYPES.has(code) || LONG_TYPES.has(code)) {
            refuseDeclared(decoded.name, start + BLOCK + padded(size), this.maxBytes);
            // tarfile reads the whole padded body: records and names in the padding count.
            if (padded(size) > MAX_META_BYTES) {
                this.visitor.ignored(this.plainHeader(decoded.name, code, size));
                this.chain.push({ kind: 'skipped' });
                this.startStream({ kind: 'skip' }, padded(size));
            }
            else
                this.startStream({ kind: 'meta', code, declared: size, parts: [] }, padded(size));
            return;
        }
        if (code === 'S')
            return this.sparseHeader(block, decoded);
        this.member(decoded, NO_DATA.has(code) ? 0 : size);
    }
    /** tarfile ends the archive at its first zero block; the end marker is two. */
    zeroBlock() {
        if (this.chain.length > 0)
            throw new TarFormatError('corrupt', 'an extension header is followed by the end of the archive instead of its entry');
        if (!this.sawEntry)
            throw new TarFormatError('empty', 'the archive holds no entries');
        this.sawEndMarker = true;
        this.role = 'after-end';
    }
    afterEnd(block, start) {
        this.done = true;
        if (!block.equals(ZERO_BLOCK))
            this.visitor.archiveProblem(`a lone zero block at byte ${start - BLOCK} ends the archive for pip's tarfile (and GNU tar); what follows is read by readers that skip zero blocks (node-tar, tar --ignore-zeros)`);
    }
    /** tarfile stops reading at a bad header after the first (and fails on one after an extension). */
    invalidHeader(start, why, inChain = this.chain.length > 0) {
        if (inChain)
            throw new TarFormatError('corrupt', `a header after an extension header is not valid (${why})`);
        if (!this.sawEntry)
            throw new TarFormatError('not-tar', 'the first header is not valid');
        this.done = true;
        this.visitor.archiveProblem(`the header at byte ${start} is not valid (${why}): pip's tarfile stops reading there, GNU tar skips to the next header and reads on`);
    }
    plainHeader(path, code, size) {
        const type = PAX_TYPES.has(code) ? 'ExtendedHeader' : 'LongName';
        return { path, type, mode: undefined, size, linkpath: undefined };
    }
    extension(stream, body) {
        const { code, declared } = stream;
        if (LONG_TYPES.has(code)) {
            const value = fieldText(body, 0, body.length);
            const declaredValue = fieldText(body, 0, declared);
            if (value !== declaredValue)
                this.visitor.archiveProblem(`a GNU long name runs on into its padding: pip's tarfile reads "${value}", GNU tar and node-tar "${declaredValue}"`);
            this.chain.push({ kind: code, value });
            return;
        }
        const parsed = paxRecords(body);
        if (parsed.invalid) {
            // tarfile raises on a zero record length: the archive ends there (or fails inside a chain).
            this.invalidHeader(this.offset - body.length - BLOCK, 'a pax record has length 0');
            return;
        }
        if (parsed.end > declared)
            this.visitor.archiveProblem(`a pax header holds records past its declared ${declared} bytes: pip's tarfile applies them, GNU tar and node-tar do not`);
        if (code === 'g') {
            for (const [key, value] of parsed.records)
                this.globals.set(key, value);
            const keys = [...parsed.records.keys()].filter(k => NAMING_KEYS.has(k));
            if (keys.length > 0)
                this.visitor.archiveProblem(`a global pax header sets ${keys.join(', ')} for every entry after it: pip's tarfile applies them, node-tar ignores a global path`);
            this.chain.push({ kind: 'g' });
        }
        else {
            const snapshot = new Map(this.globals);
            for (const [key, value] of parsed.records)
                snapshot.set(key, value);
            this.chain.push({ kind: 'x', snapshot, local: parsed.records });
        }
    }
    /** An old GNU sparse header: its map may go on in extension blocks before the data. */
    sparseHeader(block, decoded) {
        const inChain = this.chain.length > 0;
        const resolved = this.resolve(decoded, decoded.size);
        const realSize = headerNumber(block, 483, 12) ?? 0;
        this.pendingSparse = {
            header: { ...resolved.header, size: realSize },
            step: resolved.step,
            inChain
        };
        if (block[482])
            this.role = 'sparse-extension';
        else
            this.finishSparse();
    }
    sparseExtension(block, start) {
        for (let i = 0; i < 21; i++) {
            if (headerNumber(block, i * 24, 12) === undefined ||
                headerNumber(block, i * 24 + 12, 12) === undefined) {
                this.role = 'header';
                const inChain = this.pendingSparse?.inChain;
                this.pendingSparse = undefined;
                return this.invalidHeader(start, 'a sparse map holds a bad number', inChain);
            }
        }
        if (!block[504])
            this.finishSparse();
    }
    finishSparse() {
        this.role = 'header';
        const pending = this.pendingSparse;
        this.pendingSparse = undefined;
        if (!pending)
            return;
        this.sawEntry = true;
        this.visitor.ignored({ ...pending.header, type: 'SparseFile' });
        this.startStream({ kind: 'skip' }, padded(pending.step));
    }
    /** A member header: its extensions applied as tarfile applies them, then its body. */
    member(decoded, dataSize) {
        const { header, step, content } = this.resolve(decoded, dataSize);
        this.sawEntry = true;
        if (header.type === 'SparseFile') {
            this.visitor.ignored(header);
            return this.startStream({ kind: 'skip' }, padded(step));
        }
        const sink = this.visitor.entry(header);
        this.startStream({ kind: 'entry', sink, content: Math.min(content, step) }, padded(step));
    }
    resolve(decoded, dataSize) {
        const resolved = resolveMember(decoded, dataSize, {
            chain: this.chain,
            globals: this.globals,
            chainStart: this.chainStart,
            shadow: this.shadow,
            maxBytes: this.maxBytes
        });
        this.shadow = resolved.shadow;
        this.chain = [];
        return resolved;
    }
}

// EXTERNAL MODULE: ./src/read/entry-path.ts
var entry_path = __nccwpck_require__(9698);
;// CONCATENATED MODULE: ./src/read/text-retention.ts
/** Files whose text the metadata rules read even when both sides hold the same bytes. */
const METADATA_FILE = /^(?:PKG-INFO|pyproject\.toml|setup\.py|setup\.cfg|(?:src\/)?[^/]+\.egg-info\/[^/]+|[^/]+\.dist-info\/(?:METADATA|WHEEL|entry_points\.txt))$/;
function isMetadataFile(path) {
    return METADATA_FILE.test(path);
}
function dropText(entry) {
    delete entry.content;
    delete entry.scanContent;
    delete entry.text;
}
/** How far (uncompressed bytes) one side may read ahead of the other before it waits. */
const AHEAD_BYTES = 4 * 1024 ** 2;
/**
 * Shared by the two concurrent reads of a pair: when a file has arrived on both sides with the same
 * SHA-256, neither copy of its content can show up in a diff, so both are dropped. Memory then holds
 * the changed files and whatever one side has read ahead of the other, not both archives.
 */
class TextRetention {
    seen = [new Map(), new Map()];
    progress = [0, 0];
    finished = [false, false];
    waiting = [];
    track(side, entry) {
        this.seen[side].set(entry.path, entry);
        if (!this.matched(side, entry.path, entry.sha256))
            return;
        const other = this.seen[side === 0 ? 1 : 0].get(entry.path);
        if (other)
            dropText(other);
        dropText(entry);
    }
    matched(side, path, sha256) {
        const other = this.seen[side === 0 ? 1 : 0].get(path);
        return other !== undefined && other.sha256 === sha256 && !isMetadataFile(path);
    }
    /**
     * A side that has read far ahead of the other waits for it: its content would otherwise be held until
     * the other side's copy arrived, which for a fast zip reader is the whole archive.
     */
    async pace(side, bytes) {
        this.progress[side] = (this.progress[side] ?? 0) + bytes;
        this.wake();
        const other = side === 0 ? 1 : 0;
        while (!this.finished[other] &&
            (this.progress[side] ?? 0) - (this.progress[other] ?? 0) > AHEAD_BYTES)
            await new Promise(resolve => this.waiting.push(resolve));
    }
    finish(side) {
        this.finished[side] = true;
        this.wake();
    }
    wake() {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resolve of waiting)
            resolve();
    }
}

// EXTERNAL MODULE: ./src/read/keeping.ts + 1 modules
var keeping = __nccwpck_require__(6757);
;// CONCATENATED MODULE: ./src/read/read-archive.ts













const DEFAULT_READ_LIMITS = {
    maxUnpackedBytes: 2 * 1024 ** 3,
    maxEntries: 100_000,
    textCapBytes: 1024 ** 2
};
const TAR_TYPES = {
    File: 'file',
    OldFile: 'file',
    ContiguousFile: 'file',
    Directory: 'dir',
    SymbolicLink: 'symlink',
    Link: 'hardlink'
};
/** Reads an sdist as a stream: nothing is extracted, links are recorded and never followed. */
async function readArchive(file, limits = DEFAULT_READ_LIMITS, retention, stop) {
    if ((await sniffFormat(file)) === 'zip') {
        // The zip and RECORD readers load only for wheels.
        const { readWheel } = await Promise.all(/* import() */[__nccwpck_require__.e(712), __nccwpck_require__.e(264)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2264));
        return readWheel(file, limits, retention);
    }
    const archiveHash = (0,external_node_crypto_.createHash)('sha256');
    const collector = new EntryCollector(file, limits, retention);
    // A side far ahead of the other waits for it (see TextRetention.pace), so held text stays bounded.
    const walker = new TarWalker(collector, bytes => retention?.keeper.pace?.(retention.side, bytes), limits.maxUnpackedBytes);
    let compressedBytes = 0;
    // 128 KiB out of zlib, 64 KiB read in: larger chunks pass the four stream stages with less overhead,
    // but a 1 MiB read inflates into megabytes queued ahead of the parser (measured: 125 MB peak instead
    // of 160 MB on a 10,000-file pair, about 5% slower).
    const gunzip = (0,external_node_zlib_.createGunzip)({ chunkSize: 1 << 17 });
    try {
        await (0,external_node_stream_promises_namespaceObject.pipeline)((0,external_node_fs_.createReadStream)(file, { highWaterMark: 1 << 16 }), tap(chunk => {
            archiveHash.update(chunk);
            compressedBytes += chunk.length;
        }), gunzip, byteLimit(limits.maxUnpackedBytes), walker, 
        // eslint-disable-next-line no-restricted-syntax -- one element at most
        ...(stop ? [{ signal: stop }] : []));
    }
    catch (error) {
        // Stopped on purpose (the caller has what it needs): what was read so far is the answer.
        if (stop?.aborted)
            return collector.finish('');
        throw new types/* ArchiveError */.d(file, describeReadError(error, limits));
    }
    finally {
        retention?.keeper.finish?.(retention.side);
    }
    // zlib stops at the end of the gzip data and ignores what follows; bytes hidden there are flagged.
    const trailing = compressedBytes - gunzip.bytesWritten;
    if (trailing > 0)
        collector.flagArchive(`${trailing} bytes of trailing data after the gzip stream`);
    return collector.finish(archiveHash.digest('hex'));
}
/**
 * Reads only as far as the root PKG-INFO (setuptools writes it near the start; flit and hatchling write
 * it last, but name their files by PEP 625, so those are never read this way).
 */
async function readUntilPkgInfo(file, limits) {
    const stop = new AbortController();
    const keeper = {
        track: (_side, entry) => {
            if (entry.path === 'PKG-INFO')
                stop.abort();
            else
                dropText(entry);
        }
    };
    return readArchive(file, limits, { keeper, side: 0 }, stop.signal);
}
/** Reads the two sides of a comparison concurrently, keeping only the content a diff can need. */
function readArchivePair(previous, current, limits = DEFAULT_READ_LIMITS) {
    const keeper = new TextRetention();
    return Promise.all([
        readArchive(previous, limits, { keeper, side: 0 }),
        readArchive(current, limits, { keeper, side: 1 })
    ]);
}
const MAGIC = [
    { bytes: [0x42, 0x5a, 0x68], offset: 0, what: 'a bzip2 archive' },
    { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], offset: 0, what: 'an xz archive' },
    { bytes: [0x28, 0xb5, 0x2f, 0xfd], offset: 0, what: 'a zstd archive' },
    { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, what: 'an uncompressed tar archive' }
];
/** gzip (an sdist) or zip (a wheel); anything else is refused with what it is. */
async function sniffFormat(file) {
    let head;
    try {
        const handle = await (0,promises_.open)(file, 'r');
        try {
            const { buffer, bytesRead } = await handle.read(Buffer.alloc(262), 0, 262, 0);
            head = buffer.subarray(0, bytesRead);
        }
        finally {
            await handle.close();
        }
    }
    catch (error) {
        const code = error.code;
        if (code === 'EISDIR')
            throw new types/* ArchiveError */.d(file, 'is a folder: give the sdist in it, or a glob such as dist/*');
        throw new types/* ArchiveError */.d(file, `cannot be read (${code ?? error})`);
    }
    if (head.length === 0)
        throw new types/* ArchiveError */.d(file, 'is empty: not an sdist');
    if (head[0] === 0x1f && head[1] === 0x8b)
        return 'gzip';
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
        return 'zip';
    // pip installs a .whl whatever precedes its zip (the wheel reader flags what does).
    if (file.endsWith('.whl'))
        return 'zip';
    const known = MAGIC.find(m => m.bytes.every((b, i) => head[m.offset + i] === b));
    const what = known ? `is ${known.what}` : 'is not gzip-compressed';
    throw new types/* ArchiveError */.d(file, `${what}: an sdist is a .tar.gz file (PEP 625), a wheel a .whl file`);
}
function tap(onChunk) {
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            onChunk(chunk);
            callback(null, chunk);
        }
    });
}
class UnpackedTooLarge extends Error {
}
function byteLimit(maxBytes) {
    let seen = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            seen += chunk.length;
            if (seen > maxBytes)
                callback(new UnpackedTooLarge());
            else
                callback(null, chunk);
        }
    });
}
function describeReadError(error, limits) {
    const mib = Math.round(limits.maxUnpackedBytes / 1024 ** 2);
    if (error instanceof UnpackedTooLarge) {
        return `expands to more than ${mib} MiB uncompressed (a gzip bomb?); refused at the ${mib} MiB cap`;
    }
    if (error instanceof DeclaredTooLarge) {
        const path = JSON.stringify(error.path.slice(0, 200));
        return `its entry ${path} declares more than the ${mib} MiB an archive may expand to (a gzip bomb?); refused at its header, before inflating it`;
    }
    if (error instanceof types/* ArchiveError */.d)
        return error.message.slice(error.file.length + 2);
    if (error instanceof TarFormatError)
        return describeTarProblem(error);
    const err = error;
    if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
        return 'truncated gzip data (unexpected end of file): the download or build was cut short';
    }
    // zlib reads on past the first gzip member: bytes after it that are not gzip fail the header check.
    if (err.code === 'Z_DATA_ERROR' && /incorrect header check/.test(err.message)) {
        return 'holds trailing data after the gzip stream; refused';
    }
    if (err.code === 'Z_DATA_ERROR')
        return `corrupt gzip data (${err.message})`;
    if (err.code)
        return `cannot be read (${err.code}: ${err.message})`;
    return `cannot be read (${err.message ?? String(error)})`;
}
function describeTarProblem(error) {
    switch (error.problem) {
        case 'not-tar':
            return 'the gzip data does not hold a tar archive: not an sdist';
        case 'empty':
            return error.message;
        case 'truncated':
            return `truncated tar archive (${error.message}): the file was cut short`;
        case 'corrupt':
            return `corrupt tar archive (${error.message})`;
    }
}
const SKIP_BODY = { data: () => { }, end: () => { } };
class EntryCollector {
    file;
    limits;
    retention;
    entries = new Map();
    unsafe = [];
    root;
    count = 0;
    constructor(file, limits, retention) {
        this.file = file;
        this.limits = limits;
        this.retention = retention;
    }
    entry(header) {
        if (++this.count > this.limits.maxEntries) {
            throw new types/* ArchiveError */.d(this.file, `holds more than ${this.limits.maxEntries} entries; refused at that cap`);
        }
        const archivePath = header.path;
        this.root ??= (0,entry_path/* firstSegment */._V)(archivePath);
        const place = (0,entry_path/* placeInRoot */.d$)(archivePath, this.root);
        if (place.kind !== 'inside') {
            if (place.kind === 'refused')
                this.flag(archivePath, place.reason);
            for (const reason of header.disagreements ?? [])
                this.flag(archivePath, reason);
            return SKIP_BODY;
        }
        const path = place.relative;
        for (const reason of header.disagreements ?? [])
            this.flag(path, reason);
        for (const conflict of header.conflicts ?? [])
            this.flag(path, `tar records disagree on its ${conflict}: tar readers differ, pip takes the first`);
        if ((0,entry_path/* hasControlCharacters */.Kg)(path))
            this.flag(path, 'control characters in the file name');
        if (path.includes('\uFFFD'))
            this.flag(path, 'file name is not valid UTF-8');
        const type = TAR_TYPES[header.type] ?? 'other';
        const linkTarget = this.linkTarget(header, path, type);
        if (type === 'other')
            this.flag(path, `${header.type} entry (device or FIFO)`);
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const kept = type === 'file' ? (0,keeping/* keeping */.sn)(header.size, this.limits) : undefined;
        const chunks = [];
        const blob = this.limits.gitBlobIds && type === 'file' ? gitBlobHash(header.size) : undefined;
        return {
            data: chunk => {
                hash.update(chunk);
                blob?.update(chunk);
                if (kept)
                    chunks.push(chunk);
            },
            end: () => this.record(header, path, type, linkTarget, hash, chunks, kept, blob?.digest('hex'))
        };
    }
    ignored(header) {
        this.flag(header.path, `unsupported or oversized ${header.type} tar entry, skipped`);
    }
    archiveProblem(reason) {
        this.flagArchive(reason);
    }
    /** A problem of the archive as a whole, reported against its file name. */
    flagArchive(reason) {
        this.flag((0,external_node_path_.basename)(this.file), reason);
    }
    finish(sha256) {
        if (this.root === undefined)
            throw new types/* ArchiveError */.d(this.file, 'the archive holds no entries');
        if (!this.entries.has('PKG-INFO')) {
            throw new types/* ArchiveError */.d(this.file, `no PKG-INFO in the root folder "${this.root}/": not an sdist (build it with \`python -m build --sdist\`)`);
        }
        return {
            kind: 'sdist',
            file: this.file,
            sha256,
            root: this.root,
            entries: this.entries,
            unsafe: this.unsafe
        };
    }
    linkTarget(header, path, type) {
        const target = header.linkpath;
        if (target === undefined)
            return undefined;
        if (type === 'symlink' && (0,entry_path/* resolveSymlink */.yH)(path, target) === undefined) {
            this.flag(path, `symlink to "${target}" points outside the root folder`);
        }
        if (type === 'hardlink') {
            const place = (0,entry_path/* placeInRoot */.d$)(target, this.root ?? '');
            if (place.kind !== 'inside') {
                this.flag(path, `hardlink to "${target}" points outside the root folder`);
                return target;
            }
            return place.relative;
        }
        return target;
    }
    record(header, path, type, linkTarget, hash, chunks, kept, gitBlob) {
        if (linkTarget !== undefined && header.size === 0)
            hash.update(linkTarget);
        const sha256 = hash.digest('hex');
        // A file the other side already holds byte for byte is never diffed: its text is not copied.
        const keep = kept && !this.retention?.keeper.matched?.(this.retention.side, path, sha256);
        const content = keep ? Buffer.concat(chunks) : undefined;
        const keepText = kept === 'text';
        const binary = keepText && chunks.some(chunk => chunk.includes(0));
        const recorded = {
            path,
            type,
            mode: (header.mode ?? 0) & 0o7777,
            size: header.size,
            sha256,
            binary,
            ...(linkTarget !== undefined && { linkTarget }),
            ...(gitBlob !== undefined && { gitBlob }),
            ...(content !== undefined && (keepText ? { content } : { scanContent: content })),
            ...(type === 'other' && { tarType: header.type })
        };
        if (keepText)
            (0,keeping/* noteMentions */.EW)(recorded, this.retention?.side, chunks);
        if (this.entries.has(path))
            this.flag(path, 'duplicate entry: extraction would overwrite it');
        this.entries.set(path, recorded);
        this.retention?.keeper.track(this.retention.side, recorded);
    }
    flag(path, reason) {
        this.unsafe.push({ path, reason });
    }
}
/** git's object id of a file: SHA-1 over `blob <size>\0` and the bytes. */
function gitBlobHash(size) {
    return (0,external_node_crypto_.createHash)('sha1').update(`blob ${size}\0`);
}

;// CONCATENATED MODULE: ./src/acquire/build.ts



const DEFAULT_BUILD_COMMAND = 'python -m build --sdist --outdir {outdir}';
/**
 * Runs through bash so the command reads the same in the Action, the CLI and a terminal. The build's
 * output goes to standard error: standard output carries the report.
 */
const spawnRunner = (command, cwd) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_namespaceObject.spawn)('bash', ['-c', command], { cwd, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('close', code => code === 0
        ? resolve()
        : reject(new Error(`\`${command}\` in ${cwd} exited with status ${code}`)));
});
/**
 * Builds sdists with the command (`{outdir}` replaced) and returns the `.tar.gz` files it wrote, and the
 * wheels when the command builds them too.
 */
async function buildSdists(command, cwd, run, title, workdir) {
    const outdir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(workdir, 'build-'));
    const resolved = command.includes('{outdir}')
        ? command.replaceAll('{outdir}', shellQuote(outdir))
        : command;
    await run(resolved, cwd, title);
    const built = (await (0,promises_.readdir)(outdir))
        .filter(name => name.endsWith('.tar.gz') || name.endsWith('.whl'))
        .sort();
    if (!built.some(name => name.endsWith('.tar.gz'))) {
        throw new Error(`\`${resolved}\` wrote no .tar.gz into ${outdir}: the build command must write sdists to {outdir}`);
    }
    return built.map(name => (0,external_node_path_.join)(outdir, name));
}
function shellQuote(text) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./src/acquire/choose-previous.ts


/** The index's sdists of a project: not yanked, a `.tar.gz` whose name parses to a valid version. */
function sdistsOf(files, project) {
    return files.flatMap(file => {
        if (file.yanked)
            return [];
        const version = sdistVersion(file.filename, project);
        return version ? [{ ...file, version }] : [];
    });
}
/**
 * The release before `current`: the highest version lower than it, counting pre-releases only when
 * `current` is itself a pre-release (the way pip chooses).
 */
function choosePreviousRelease(releases, current) {
    const allowPre = isPrerelease(current);
    return releases
        .filter(s => (compareVersions(s.version, current) ?? 1) < 0 && (allowPre || !isPrerelease(s.version)))
        .sort((a, b) => compareVersions(b.version, a.version) ?? 0)[0];
}
function findVersion(releases, version) {
    const wanted = normalizeVersion(version);
    return releases.find(s => normalizeVersion(s.version) === wanted);
}

;// CONCATENATED MODULE: ./src/util/safe-filename.ts
const MAX_LENGTH = 200;
/**
 * A file name from an index, a URL, an archive or an artifact is untrusted: before it becomes a path it
 * is reduced to its last segment, harmless characters only, no leading dot, bounded (the end, with the
 * extension, is kept). What is left can never name a parent folder or another folder.
 */
function safeFilename(name, fallback = 'download.tar.gz') {
    const last = name.split(/[\\/]/).pop() ?? '';
    const cleaned = last
        .replace(/[^\w.+-]/g, '_')
        .slice(-MAX_LENGTH)
        .replace(/^\.+/, '');
    return cleaned || fallback;
}

;// CONCATENATED MODULE: ./src/acquire/download.ts










/**
 * Downloads into a new folder under `folder`, named by the index's file name reduced to a safe base
 * name, verifying the SHA-256 the index gave; a file that fails the check is deleted and refused.
 * Served from and stored in the cache when one is given and the hash is known; a cached file whose
 * SHA-256 is not the index's is never used (downloaded again, and the cache's copy replaced).
 */
async function downloadArchive(request, folder, options = {}) {
    const { cache } = options;
    const shown = withoutCredentials(request.url);
    const cached = request.sha256 && (await cache?.find(request.sha256, request.filename));
    if (cached && request.sha256) {
        const actual = await sha256Of(cached);
        if (actual === request.sha256)
            return cached;
        options.notice?.(`the cached ${cached} has sha256 ${actual ?? '(unreadable)'}, not the index's ${request.sha256}: downloaded again`);
    }
    // A folder of its own per download: two index entries reduced to one safe name never share a file.
    const target = (0,external_node_path_.join)(await (0,promises_.mkdtemp)((0,external_node_path_.join)(folder, 'download-')), safeFilename(request.filename));
    const response = await fetchWithRetry(request.url, { Accept: 'application/octet-stream, */*' }, options.retry, options.fetch);
    if (!response.ok || !response.body) {
        await response.body?.cancel();
        const hint = response.status === 404 ? ' (the file is not on the index)' : '';
        throw new HttpError(`downloading ${shown} failed: HTTP ${response.status}${hint}`, response.status);
    }
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const md5 = request.sha256 || !request.md5 ? undefined : (0,external_node_crypto_.createHash)('md5');
    const expectedLength = Number(response.headers.get('content-length') ?? NaN);
    let received = 0;
    try {
        const body = external_node_stream_.Readable.fromWeb(response.body);
        body.on('data', (chunk) => {
            hash.update(chunk);
            md5?.update(chunk);
            received += chunk.length;
        });
        await (0,external_node_stream_promises_namespaceObject.pipeline)(body, (0,external_node_fs_.createWriteStream)(target));
        if (Number.isFinite(expectedLength) && received !== expectedLength) {
            throw new HttpError(`downloading ${shown} was cut short: ${received} of ${expectedLength} bytes`);
        }
        const actual = hash.digest('hex');
        if (request.sha256 && actual !== request.sha256) {
            throw new HttpError(`hash mismatch for ${shown}: the index says sha256 ${request.sha256}, the download has ${actual}; the file was refused`);
        }
        if (md5 && request.md5)
            verifyMd5(shown, request.md5, md5.digest('hex'), options.notice);
    }
    catch (error) {
        await (0,promises_.rm)(target, { force: true });
        if (error instanceof HttpError)
            throw error;
        throw new HttpError(`downloading ${shown} failed after ${received} bytes: the body ${bodyProblem(error, options.retry)}`);
    }
    return request.sha256 && cache ? cache.store(target, (0,external_node_path_.basename)(target), request.sha256) : target;
}
async function sha256Of(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(path))
            hash.update(chunk);
        return hash.digest('hex');
    }
    catch {
        return undefined;
    }
}
/** The index gave only md5: checked, and said to be weak (a forged file can be made to match it). */
function verifyMd5(shown, expected, actual, notice) {
    if (actual !== expected)
        throw new HttpError(`hash mismatch for ${shown}: the index says md5 ${expected}, the download has ${actual}; the file was refused`);
    notice?.(`${shown}: the index gives only an md5 hash; it matches, but md5 is weak (a forged file can be made to match): ask the index for sha256`);
}

;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
var external_fs_namespaceObject_0 = /*#__PURE__*/__nccwpck_require__.t(external_fs_namespaceObject, 2);
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "url"
const external_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");
;// CONCATENATED MODULE: external "module"
const external_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");
;// CONCATENATED MODULE: ./node_modules/fdir/dist/index.mjs




//#region rolldown:runtime
var __require = /* @__PURE__ */ (0,external_module_namespaceObject.createRequire)(import.meta.url);

//#endregion
//#region src/utils.ts
function cleanPath(path) {
	let normalized = (0,external_path_namespaceObject.normalize)(path);
	if (normalized.length > 1 && normalized[normalized.length - 1] === external_path_namespaceObject.sep) normalized = normalized.substring(0, normalized.length - 1);
	return normalized;
}
const SLASHES_REGEX = /[\\/]/g;
function convertSlashes(path, separator) {
	return path.replace(SLASHES_REGEX, separator);
}
const WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
function isRootDirectory(path) {
	return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
	const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
	const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
	if (resolvePaths) path = (0,external_path_namespaceObject.resolve)(path);
	if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
	if (path === ".") return "";
	const needsSeperator = path[path.length - 1] !== pathSeparator;
	return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}

//#endregion
//#region src/api/functions/join-path.ts
function joinPathWithBasePath(filename, directoryPath) {
	return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
	return function(filename, directoryPath) {
		const sameRoot = directoryPath.startsWith(root);
		if (sameRoot) return directoryPath.slice(root.length) + filename;
		else return convertSlashes((0,external_path_namespaceObject.relative)(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
	};
}
function joinPath(filename) {
	return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
	return directoryPath + filename + separator;
}
function build$7(root, options) {
	const { relativePaths, includeBasePath } = options;
	return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}

//#endregion
//#region src/api/functions/push-directory.ts
function pushDirectoryWithRelativePath(root) {
	return function(directoryPath, paths) {
		paths.push(directoryPath.substring(root.length) || ".");
	};
}
function pushDirectoryFilterWithRelativePath(root) {
	return function(directoryPath, paths, filters) {
		const relativePath = directoryPath.substring(root.length) || ".";
		if (filters.every((filter) => filter(relativePath, true))) paths.push(relativePath);
	};
}
const pushDirectory = (directoryPath, paths) => {
	paths.push(directoryPath || ".");
};
const pushDirectoryFilter = (directoryPath, paths, filters) => {
	const path = directoryPath || ".";
	if (filters.every((filter) => filter(path, true))) paths.push(path);
};
const empty$2 = () => {};
function build$6(root, options) {
	const { includeDirs, filters, relativePaths } = options;
	if (!includeDirs) return empty$2;
	if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
	return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}

//#endregion
//#region src/api/functions/push-file.ts
const pushFileFilterAndCount = (filename, _paths, counts, filters) => {
	if (filters.every((filter) => filter(filename, false))) counts.files++;
};
const pushFileFilter = (filename, paths, _counts, filters) => {
	if (filters.every((filter) => filter(filename, false))) paths.push(filename);
};
const pushFileCount = (_filename, _paths, counts, _filters) => {
	counts.files++;
};
const pushFile = (filename, paths) => {
	paths.push(filename);
};
const empty$1 = () => {};
function build$5(options) {
	const { excludeFiles, filters, onlyCounts } = options;
	if (excludeFiles) return empty$1;
	if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
	else if (onlyCounts) return pushFileCount;
	else return pushFile;
}

//#endregion
//#region src/api/functions/get-array.ts
const getArray = (paths) => {
	return paths;
};
const getArrayGroup = () => {
	return [""].slice(0, 0);
};
function build$4(options) {
	return options.group ? getArrayGroup : getArray;
}

//#endregion
//#region src/api/functions/group-files.ts
const groupFiles = (groups, directory, files) => {
	groups.push({
		directory,
		files,
		dir: directory
	});
};
const empty = () => {};
function build$3(options) {
	return options.group ? groupFiles : empty;
}

//#endregion
//#region src/api/functions/resolve-symlink.ts
const resolveSymlinksAsync = function(path, state, callback$1) {
	const { queue, fs, options: { suppressErrors } } = state;
	queue.enqueue();
	fs.realpath(path, (error, resolvedPath) => {
		if (error) return queue.dequeue(suppressErrors ? null : error, state);
		fs.stat(resolvedPath, (error$1, stat) => {
			if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
			if (stat.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
			callback$1(stat, resolvedPath);
			queue.dequeue(null, state);
		});
	});
};
const resolveSymlinks = function(path, state, callback$1) {
	const { queue, fs, options: { suppressErrors } } = state;
	queue.enqueue();
	try {
		const resolvedPath = fs.realpathSync(path);
		const stat = fs.statSync(resolvedPath);
		if (stat.isDirectory() && isRecursive(path, resolvedPath, state)) return;
		callback$1(stat, resolvedPath);
	} catch (e) {
		if (!suppressErrors) throw e;
	}
};
function build$2(options, isSynchronous) {
	if (!options.resolveSymlinks || options.excludeSymlinks) return null;
	return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
	if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
	let parent = (0,external_path_namespaceObject.dirname)(path);
	let depth = 1;
	while (parent !== state.root && depth < 2) {
		const resolvedPath = state.symlinks.get(parent);
		const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
		if (isSameRoot) depth++;
		else parent = (0,external_path_namespaceObject.dirname)(parent);
	}
	state.symlinks.set(path, resolved);
	return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
	return state.visited.includes(resolved + state.options.pathSeparator);
}

//#endregion
//#region src/api/functions/invoke-callback.ts
const onlyCountsSync = (state) => {
	return state.counts;
};
const groupsSync = (state) => {
	return state.groups;
};
const defaultSync = (state) => {
	return state.paths;
};
const limitFilesSync = (state) => {
	return state.paths.slice(0, state.options.maxFiles);
};
const onlyCountsAsync = (state, error, callback$1) => {
	dist_report(error, callback$1, state.counts, state.options.suppressErrors);
	return null;
};
const defaultAsync = (state, error, callback$1) => {
	dist_report(error, callback$1, state.paths, state.options.suppressErrors);
	return null;
};
const limitFilesAsync = (state, error, callback$1) => {
	dist_report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
	return null;
};
const groupsAsync = (state, error, callback$1) => {
	dist_report(error, callback$1, state.groups, state.options.suppressErrors);
	return null;
};
function dist_report(error, callback$1, output, suppressErrors) {
	if (error && !suppressErrors) callback$1(error, output);
	else callback$1(null, output);
}
function build$1(options, isSynchronous) {
	const { onlyCounts, group, maxFiles } = options;
	if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
	else if (group) return isSynchronous ? groupsSync : groupsAsync;
	else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
	else return isSynchronous ? defaultSync : defaultAsync;
}

//#endregion
//#region src/api/functions/walk-directory.ts
const readdirOpts = { withFileTypes: true };
const walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
	state.queue.enqueue();
	if (currentDepth < 0) return state.queue.dequeue(null, state);
	const { fs } = state;
	state.visited.push(crawlPath);
	state.counts.directories++;
	fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
		callback$1(entries, directoryPath, currentDepth);
		state.queue.dequeue(state.options.suppressErrors ? null : error, state);
	});
};
const walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
	const { fs } = state;
	if (currentDepth < 0) return;
	state.visited.push(crawlPath);
	state.counts.directories++;
	let entries = [];
	try {
		entries = fs.readdirSync(crawlPath || ".", readdirOpts);
	} catch (e) {
		if (!state.options.suppressErrors) throw e;
	}
	callback$1(entries, directoryPath, currentDepth);
};
function dist_build(isSynchronous) {
	return isSynchronous ? walkSync : walkAsync;
}

//#endregion
//#region src/api/queue.ts
/**
* This is a custom stateless queue to track concurrent async fs calls.
* It increments a counter whenever a call is queued and decrements it
* as soon as it completes. When the counter hits 0, it calls onQueueEmpty.
*/
var dist_Queue = class {
	count = 0;
	constructor(onQueueEmpty) {
		this.onQueueEmpty = onQueueEmpty;
	}
	enqueue() {
		this.count++;
		return this.count;
	}
	dequeue(error, output) {
		if (this.onQueueEmpty && (--this.count <= 0 || error)) {
			this.onQueueEmpty(error, output);
			if (error) {
				output.controller.abort();
				this.onQueueEmpty = void 0;
			}
		}
	}
};

//#endregion
//#region src/api/counter.ts
var Counter = class {
	_files = 0;
	_directories = 0;
	set files(num) {
		this._files = num;
	}
	get files() {
		return this._files;
	}
	set directories(num) {
		this._directories = num;
	}
	get directories() {
		return this._directories;
	}
	/**
	* @deprecated use `directories` instead
	*/
	/* c8 ignore next 3 */
	get dirs() {
		return this._directories;
	}
};

//#endregion
//#region src/api/aborter.ts
/**
* AbortController is not supported on Node 14 so we use this until we can drop
* support for Node 14.
*/
var Aborter = class {
	aborted = false;
	abort() {
		this.aborted = true;
	}
};

//#endregion
//#region src/api/walker.ts
var Walker = class {
	root;
	isSynchronous;
	state;
	joinPath;
	pushDirectory;
	pushFile;
	getArray;
	groupFiles;
	resolveSymlink;
	walkDirectory;
	callbackInvoker;
	constructor(root, options, callback$1) {
		this.isSynchronous = !callback$1;
		this.callbackInvoker = build$1(options, this.isSynchronous);
		this.root = normalizePath(root, options);
		this.state = {
			root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
			paths: [""].slice(0, 0),
			groups: [],
			counts: new Counter(),
			options,
			queue: new dist_Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
			symlinks: /* @__PURE__ */ new Map(),
			visited: [""].slice(0, 0),
			controller: new Aborter(),
			fs: options.fs || external_fs_namespaceObject_0
		};
		this.joinPath = build$7(this.root, options);
		this.pushDirectory = build$6(this.root, options);
		this.pushFile = build$5(options);
		this.getArray = build$4(options);
		this.groupFiles = build$3(options);
		this.resolveSymlink = build$2(options, this.isSynchronous);
		this.walkDirectory = dist_build(this.isSynchronous);
	}
	start() {
		this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
		this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
		return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
	}
	walk = (entries, directoryPath, depth) => {
		const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
		if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
		const files = this.getArray(this.state.paths);
		for (let i = 0; i < entries.length; ++i) {
			const entry = entries[i];
			if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
				const filename = this.joinPath(entry.name, directoryPath);
				this.pushFile(filename, files, this.state.counts, filters);
			} else if (entry.isDirectory()) {
				let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
				if (exclude && exclude(entry.name, path)) continue;
				this.pushDirectory(path, paths, filters);
				this.walkDirectory(this.state, path, path, depth - 1, this.walk);
			} else if (this.resolveSymlink && entry.isSymbolicLink()) {
				let path = joinPathWithBasePath(entry.name, directoryPath);
				this.resolveSymlink(path, this.state, (stat, resolvedPath) => {
					if (stat.isDirectory()) {
						resolvedPath = normalizePath(resolvedPath, this.state.options);
						if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
						this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
					} else {
						resolvedPath = useRealPaths ? resolvedPath : path;
						const filename = (0,external_path_namespaceObject.basename)(resolvedPath);
						const directoryPath$1 = normalizePath((0,external_path_namespaceObject.dirname)(resolvedPath), this.state.options);
						resolvedPath = this.joinPath(filename, directoryPath$1);
						this.pushFile(resolvedPath, files, this.state.counts, filters);
					}
				});
			}
		}
		this.groupFiles(this.state.groups, directoryPath, files);
	};
};

//#endregion
//#region src/api/async.ts
function promise(root, options) {
	return new Promise((resolve$1, reject) => {
		callback(root, options, (err, output) => {
			if (err) return reject(err);
			resolve$1(output);
		});
	});
}
function callback(root, options, callback$1) {
	let walker = new Walker(root, options, callback$1);
	walker.start();
}

//#endregion
//#region src/api/sync.ts
function sync(root, options) {
	const walker = new Walker(root, options);
	return walker.start();
}

//#endregion
//#region src/builder/api-builder.ts
var APIBuilder = class {
	constructor(root, options) {
		this.root = root;
		this.options = options;
	}
	withPromise() {
		return promise(this.root, this.options);
	}
	withCallback(cb) {
		callback(this.root, this.options, cb);
	}
	sync() {
		return sync(this.root, this.options);
	}
};

//#endregion
//#region src/builder/index.ts
let pm = null;
/* c8 ignore next 6 */
try {
	__require.resolve("picomatch");
	pm = __require("picomatch");
} catch {}
var Builder = class {
	globCache = {};
	options = {
		maxDepth: Infinity,
		suppressErrors: true,
		pathSeparator: external_path_namespaceObject.sep,
		filters: []
	};
	globFunction;
	constructor(options) {
		this.options = {
			...this.options,
			...options
		};
		this.globFunction = this.options.globFunction;
	}
	group() {
		this.options.group = true;
		return this;
	}
	withPathSeparator(separator) {
		this.options.pathSeparator = separator;
		return this;
	}
	withBasePath() {
		this.options.includeBasePath = true;
		return this;
	}
	withRelativePaths() {
		this.options.relativePaths = true;
		return this;
	}
	withDirs() {
		this.options.includeDirs = true;
		return this;
	}
	withMaxDepth(depth) {
		this.options.maxDepth = depth;
		return this;
	}
	withMaxFiles(limit) {
		this.options.maxFiles = limit;
		return this;
	}
	withFullPaths() {
		this.options.resolvePaths = true;
		this.options.includeBasePath = true;
		return this;
	}
	withErrors() {
		this.options.suppressErrors = false;
		return this;
	}
	withSymlinks({ resolvePaths = true } = {}) {
		this.options.resolveSymlinks = true;
		this.options.useRealPaths = resolvePaths;
		return this.withFullPaths();
	}
	withAbortSignal(signal) {
		this.options.signal = signal;
		return this;
	}
	normalize() {
		this.options.normalizePath = true;
		return this;
	}
	filter(predicate) {
		this.options.filters.push(predicate);
		return this;
	}
	onlyDirs() {
		this.options.excludeFiles = true;
		this.options.includeDirs = true;
		return this;
	}
	exclude(predicate) {
		this.options.exclude = predicate;
		return this;
	}
	onlyCounts() {
		this.options.onlyCounts = true;
		return this;
	}
	crawl(root) {
		return new APIBuilder(root || ".", this.options);
	}
	withGlobFunction(fn) {
		this.globFunction = fn;
		return this;
	}
	/**
	* @deprecated Pass options using the constructor instead:
	* ```ts
	* new fdir(options).crawl("/path/to/root");
	* ```
	* This method will be removed in v7.0
	*/
	/* c8 ignore next 4 */
	crawlWithOptions(root, options) {
		this.options = {
			...this.options,
			...options
		};
		return new APIBuilder(root || ".", this.options);
	}
	glob(...patterns) {
		if (this.globFunction) return this.globWithOptions(patterns);
		return this.globWithOptions(patterns, ...[{ dot: true }]);
	}
	globWithOptions(patterns, ...options) {
		const globFn = this.globFunction || pm;
		/* c8 ignore next 5 */
		if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
		var isMatch = this.globCache[patterns.join("\0")];
		if (!isMatch) {
			isMatch = globFn(patterns, ...options);
			this.globCache[patterns.join("\0")] = isMatch;
		}
		this.options.filters.push((path) => isMatch(path));
		return this;
	}
};

//#endregion

;// CONCATENATED MODULE: ./node_modules/tinyglobby/dist/index.mjs





//#region src/utils.ts
const isReadonlyArray = Array.isArray;
const BACKSLASHES = /\\/g;
const DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
const isWin = process.platform === "win32";
const ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
function getPartialMatcher(patterns, options = {}) {
	const patternsCount = patterns.length;
	const patternsParts = Array(patternsCount);
	const matchers = Array(patternsCount);
	let i, j;
	for (i = 0; i < patternsCount; i++) {
		const parts = splitPattern(patterns[i]);
		patternsParts[i] = parts;
		const partsCount = parts.length;
		const partMatchers = Array(partsCount);
		for (j = 0; j < partsCount; j++) partMatchers[j] = picomatch(parts[j], options);
		matchers[i] = partMatchers;
	}
	return (input) => {
		const inputParts = input.split("/");
		if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
		for (i = 0; i < patternsCount; i++) {
			const patternParts = patternsParts[i];
			const matcher = matchers[i];
			const inputPatternCount = inputParts.length;
			const minParts = Math.min(inputPatternCount, patternParts.length);
			j = 0;
			while (j < minParts) {
				const part = patternParts[j];
				if (part.includes("/")) return true;
				if (!matcher[j](inputParts[j])) break;
				if (!options.noglobstar && part === "**") return true;
				j++;
			}
			if (j === inputPatternCount) return true;
		}
		return false;
	};
}
/* node:coverage ignore next 2 */
const WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
const isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
function buildFormat(cwd, root, absolute) {
	if (cwd === root || root.startsWith(`${cwd}/`)) {
		if (absolute) {
			const start = cwd.length + +!isRoot(cwd);
			return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
		}
		const prefix = root.slice(cwd.length + 1);
		if (prefix) return (p, isDir) => {
			if (p === ".") return prefix;
			const result = `${prefix}/${p}`;
			return isDir ? result.slice(0, -1) : result;
		};
		return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
	}
	if (absolute) return (p) => external_path_namespaceObject.posix.relative(cwd, p) || ".";
	return (p) => external_path_namespaceObject.posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
	if (root.startsWith(`${cwd}/`)) {
		const prefix = root.slice(cwd.length + 1);
		return (p) => `${prefix}/${p}`;
	}
	return (p) => {
		const result = external_path_namespaceObject.posix.relative(cwd, `${root}/${p}`);
		return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
	};
}
function ensureNonDriveRelativePath(path) {
	return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
const splitPatternOptions = { parts: true };
function splitPattern(path) {
	var _result$parts;
	const result = picomatch.scan(path, splitPatternOptions);
	return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
const ESCAPED_WIN32_BACKSLASHES = /\\(?![()[\]{}!+@])/g;
function convertPosixPathToPattern(path) {
	return escapePosixPath(path);
}
function convertWin32PathToPattern(path) {
	return escapeWin32Path(path).replace(ESCAPED_WIN32_BACKSLASHES, "/");
}
/**
* Converts a path to a pattern depending on the platform.
* Identical to {@link escapePath} on POSIX systems.
* @see {@link https://superchupu.dev/tinyglobby/documentation#convertPathToPattern}
*/
/* node:coverage ignore next 3 */
const convertPathToPattern = (/* unused pure expression or super */ null && (isWin ? convertWin32PathToPattern : convertPosixPathToPattern));
const POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
const WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
const escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
const escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
/**
* Escapes a path's special characters depending on the platform.
* @see {@link https://superchupu.dev/tinyglobby/documentation#escapePath}
*/
/* node:coverage ignore next */
const escapePath = isWin ? escapeWin32Path : escapePosixPath;
/**
* Checks if a pattern has dynamic parts.
*
* Has a few minor differences with [`fast-glob`](https://github.com/mrmlnc/fast-glob) for better accuracy:
*
* - Doesn't necessarily return `false` on patterns that include `\`.
* - Returns `true` if the pattern includes parentheses, regardless of them representing one single pattern or not.
* - Returns `true` for unfinished glob extensions i.e. `(h`, `+(h`.
* - Returns `true` for unfinished brace expansions as long as they include `,` or `..`.
*
* @see {@link https://superchupu.dev/tinyglobby/documentation#isDynamicPattern}
*/
function isDynamicPattern(pattern, options) {
	if ((options === null || options === void 0 ? void 0 : options.caseSensitiveMatch) === false) return true;
	const scan = picomatch.scan(pattern);
	return scan.isGlob || scan.negated;
}
function log(...tasks) {
	console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
	return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
//#endregion
//#region src/patterns.ts
const PARENT_DIRECTORY = /^(\/?\.\.)+/;
const ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
function normalizePattern(pattern, opts, props, isIgnore) {
	var _PARENT_DIRECTORY$exe;
	const cwd = opts.cwd;
	let result = pattern;
	if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
	if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
	const escapedCwd = escapePath(cwd);
	result = (0,external_path_namespaceObject.isAbsolute)(result.replace(ESCAPING_BACKSLASHES, "")) ? external_path_namespaceObject.posix.relative(escapedCwd, result) : external_path_namespaceObject.posix.normalize(result);
	const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
	const parts = splitPattern(result);
	if (parentDir) {
		const n = (parentDir.length + 1) / 3;
		let i = 0;
		const cwdParts = escapedCwd.split("/");
		while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
			result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
			i++;
		}
		const potentialRoot = external_path_namespaceObject.posix.join(cwd, parentDir.slice(i * 3));
		if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
			props.root = ensureNonDriveRelativePath(potentialRoot);
			props.depthOffset = -n + i;
		}
	}
	if (!isIgnore && props.depthOffset >= 0) {
		var _props$commonPath;
		(_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
		const newCommonPath = [];
		const length = Math.min(props.commonPath.length, parts.length);
		for (let i = 0; i < length; i++) {
			const part = parts[i];
			if (part === "**" && !parts[i + 1]) {
				newCommonPath.pop();
				break;
			}
			if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
			newCommonPath.push(part);
		}
		props.depthOffset = newCommonPath.length;
		props.commonPath = newCommonPath;
		props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? external_path_namespaceObject.posix.join(cwd, ...newCommonPath) : cwd);
	}
	return result;
}
function processPatterns(options, patterns, props) {
	const matchPatterns = [];
	const ignorePatterns = [];
	for (const pattern of options.ignore) {
		if (!pattern) continue;
		if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
	}
	for (const pattern of patterns) {
		if (!pattern) continue;
		if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
		else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
	}
	return {
		match: matchPatterns,
		ignore: ignorePatterns
	};
}
//#endregion
//#region src/crawler.ts
function buildCrawler(options, patterns) {
	const cwd = options.cwd;
	const props = {
		root: cwd,
		depthOffset: 0
	};
	const processed = processPatterns(options, patterns, props);
	if (options.debug) log("internal processing patterns:", processed);
	const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
	const root = props.root.replace(BACKSLASHES, "");
	const matchOptions = {
		dot,
		nobrace: options.braceExpansion === false,
		nocase: !caseSensitiveMatch,
		noextglob: options.extglob === false,
		noglobstar: options.globstar === false,
		posix: true
	};
	const matcher = picomatch(processed.match, matchOptions);
	const ignore = picomatch(processed.ignore, matchOptions);
	const partialMatcher = getPartialMatcher(processed.match, matchOptions);
	const format = buildFormat(cwd, root, absolute);
	const excludeFormatter = absolute ? format : buildFormat(cwd, root, true);
	const excludePredicate = (_, p) => {
		const relativePath = excludeFormatter(p, true);
		return relativePath !== "." && !partialMatcher(relativePath) || ignore(relativePath);
	};
	let maxDepth;
	if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
	const crawler = new Builder({
		filters: [debug ? (p, isDirectory) => {
			const path = format(p, isDirectory);
			const matches = matcher(path) && !ignore(path);
			if (matches) log(`matched ${path}`);
			return matches;
		} : (p, isDirectory) => {
			const path = format(p, isDirectory);
			return matcher(path) && !ignore(path);
		}],
		exclude: debug ? (_, p) => {
			const skipped = excludePredicate(_, p);
			log(`${skipped ? "skipped" : "crawling"} ${p}`);
			return skipped;
		} : excludePredicate,
		fs: options.fs,
		pathSeparator: "/",
		relativePaths: !absolute,
		resolvePaths: absolute,
		includeBasePath: absolute,
		resolveSymlinks: followSymbolicLinks,
		excludeSymlinks: !followSymbolicLinks,
		excludeFiles: onlyDirectories,
		includeDirs: onlyDirectories || !options.onlyFiles,
		maxDepth,
		signal: options.signal
	}).crawl(root);
	if (options.debug) log("internal properties:", {
		...props,
		root
	});
	return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
//#endregion
//#region src/index.ts
function formatPaths(paths, mapper) {
	if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
	return paths;
}
const defaultOptions = {
	caseSensitiveMatch: true,
	debug: !!process.env.TINYGLOBBY_DEBUG,
	expandDirectories: true,
	followSymbolicLinks: true,
	onlyFiles: true
};
function getOptions(options) {
	const opts = Object.assign({}, options);
	for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
	opts.cwd = (opts.cwd instanceof URL ? (0,external_url_namespaceObject.fileURLToPath)(opts.cwd) : (0,external_path_namespaceObject.resolve)(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
	opts.ignore = ensureStringArray(opts.ignore);
	opts.fs && (opts.fs = {
		readdir: opts.fs.readdir || external_fs_namespaceObject.readdir,
		readdirSync: opts.fs.readdirSync || external_fs_namespaceObject.readdirSync,
		realpath: opts.fs.realpath || external_fs_namespaceObject.realpath,
		realpathSync: opts.fs.realpathSync || external_fs_namespaceObject.realpathSync,
		stat: opts.fs.stat || external_fs_namespaceObject.stat,
		statSync: opts.fs.statSync || external_fs_namespaceObject.statSync
	});
	if (opts.debug) log("globbing with options:", opts);
	return opts;
}
function getCrawler(globInput, inputOptions = {}) {
	var _ref;
	if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
	const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
	const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
	const options = getOptions(isModern ? inputOptions : globInput);
	return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
async function glob(globInput, options) {
	const [crawler, relative] = getCrawler(globInput, options);
	return crawler ? formatPaths(await crawler.withPromise(), relative) : [];
}
function globSync(globInput, options) {
	const [crawler, relative] = getCrawler(globInput, options);
	return crawler ? formatPaths(crawler.sync(), relative) : [];
}
//#endregion


;// CONCATENATED MODULE: ./src/acquire/expand-paths.ts



/** Paths and globs → sorted absolute paths; a pattern that matches nothing is an error naming it. */
async function expandPaths(patterns, cwd, what) {
    const found = new Set();
    for (const pattern of patterns) {
        if (!isDynamicPattern(pattern)) {
            const path = (0,external_node_path_.isAbsolute)(pattern) ? pattern : (0,external_node_path_.resolve)(cwd, pattern);
            await (0,promises_.stat)(path).catch(() => {
                throw new Error(`${what}: ${pattern} does not exist`);
            });
            found.add(path);
            continue;
        }
        const matches = await glob(pattern, {
            cwd,
            absolute: true,
            onlyFiles: true,
            expandDirectories: false
        });
        if (matches.length === 0)
            throw new Error(`${what}: no file matches ${pattern} (in ${cwd})`);
        for (const match of matches)
            found.add(match);
    }
    return [...found].sort();
}

;// CONCATENATED MODULE: ./src/acquire/git-ref.ts





const git_ref_git = (0,external_node_util_.promisify)(external_node_child_process_namespaceObject.execFile);
/** Builds the sdists of a git ref from a temporary worktree, removed afterwards. */
async function buildGitRef(ref, repository, command, run, workdir) {
    if (ref.trim() === '' || ref.startsWith('-'))
        throw new Error(`previous: "git:${ref}" does not name a git ref`);
    const parent = await (0,promises_.mkdtemp)((0,external_node_path_.join)(workdir, 'git-'));
    const worktree = (0,external_node_path_.join)(parent, 'worktree');
    try {
        await git_ref_git('git', ['-C', repository, 'worktree', 'add', '--detach', worktree, `${ref}^{commit}`]);
    }
    catch (error) {
        const stderr = String(error.stderr ?? error.message).trim();
        throw new Error(`cannot check out git ref "${ref}" in ${repository}: ${stderr.split('\n').pop()} (fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
    }
    try {
        return await buildSdists(command, worktree, run, `Build the previous sdists from ${ref}`, workdir);
    }
    finally {
        await git_ref_git('git', ['-C', repository, 'worktree', 'remove', '--force', worktree]).catch(() => undefined);
        await (0,promises_.rm)(parent, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/acquire/previous-spec.ts

function parsePreviousSpec(value) {
    const text = value?.trim() ?? '';
    if (text === '')
        return { kind: 'index' };
    if (text.startsWith('git:'))
        return { kind: 'git', ref: text.slice(4).trim() };
    if (/^https?:\/\//i.test(text))
        return { kind: 'url', url: text };
    if (/\.tar\.gz$|[*?[]/.test(text) || text.includes('/'))
        return { kind: 'files', patterns: [text] };
    if (isValidVersion(text))
        return { kind: 'version', version: text };
    throw new Error(`previous: "${text}" is neither a version (1.4.2), a path or glob of an sdist, a URL, nor git:<ref>`);
}

;// CONCATENATED MODULE: ./src/acquire/resolve.ts


















/**
 * Current sources × previous spec → one plan per package. Current sdists are named by their PKG-INFO and
 * paired by normalised name with the previous release (files, a URL, a git ref, or the index).
 */
async function resolvePackages(sources, options, effects, workdir) {
    const resolution = {
        sources,
        options,
        effects,
        spec: parsePreviousSpec(sources.previous),
        indexUrl: sources.indexUrl || DEFAULT_INDEX_URL,
        indexShown: withoutCredentials(sources.indexUrl || DEFAULT_INDEX_URL),
        cwd: sources.workingDirectory ?? process.cwd(),
        workdir
    };
    const limit = pLimit(options.concurrency);
    const files = await currentFiles(resolution);
    const all = await Promise.all(files
        .filter(file => !isWheelFile(file))
        .map(file => limit(() => identify(file, options.readLimits))));
    const wheels = namedWheels(files.filter(isWheelFile), 'current');
    refuseOrphanWheels(wheels, all);
    const current = selectPackages(all, sources.packages ?? [], resolution.cwd);
    refuseDuplicateNames(current);
    const previous = await previousByName(resolution, current);
    return Promise.all(current.map(sdist => limit(async () => {
        const plan = await planPackage(resolution, sdist, previous?.sdists);
        const own = wheels.filter(wheel => normalizeName(wheel.name) === nameOf(sdist));
        if (!own.length)
            return plan;
        return { ...plan, ...(await planWheels(resolution, own, plan, previous?.wheels)) };
    })));
}
function namedWheels(files, side) {
    return files.map(file => {
        const named = wheelName(file);
        if (!named)
            throw new Error(`${side}: ${file} is not named like a wheel ({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl, PEP 427)`);
        return named;
    });
}
/** Wheels are judged against the sdist of their release, so each needs one beside it. */
function refuseOrphanWheels(wheels, sdists) {
    const names = new Set(sdists.map(nameOf));
    const orphan = wheels.find(wheel => !names.has(normalizeName(wheel.name)));
    if (orphan)
        throw new Error(`current: ${orphan.file} has no sdist of ${orphan.name} beside it: give the sdist too (each wheel is checked against it), or compare two wheels with \`sdist-diff OLD.whl NEW.whl\``);
}
/**
 * Each current wheel with the previous release's wheel of the same tags, or else its pure wheel: from
 * the files or git build given, or from the index beside the previous sdist.
 */
async function planWheels(resolution, wheels, plan, givenPrevious) {
    if (plan.previous === undefined)
        return { wheels: wheels.map(wheel => ({ current: wheel.file, newPackage: plan.newPackage })) };
    const previousVersion = plan.indexRelease?.version;
    const candidates = givenPrevious !== undefined
        ? givenPrevious
            .filter(w => normalizeName(w.name) === normalizeName(wheels[0]?.name ?? ''))
            .map(w => ({ filename: w.file, tags: w.tags, fetch: async () => w.file }))
        : (plan.indexRelease?.files ?? []).flatMap(file => {
            const named = wheelName(file.filename);
            if (!named || !previousVersion || compareVersions(named.version, previousVersion) !== 0)
                return [];
            return [
                {
                    filename: file.filename,
                    tags: named.tags,
                    fetch: () => downloadArchive(file, resolution.workdir, downloadOptions(resolution))
                }
            ];
        });
    const planned = await Promise.all(wheels.map(async (wheel) => {
        const match = candidates.find(c => c.tags.join() === wheel.tags.join()) ??
            candidates.find(c => c.tags.every(wheel_tags/* isPure */.rC));
        if (!match)
            return {
                current: wheel.file,
                newPackage: `no wheel of the previous release with the tags ${wheel.tags.join(', ')} or a pure one: compared with its sdist only`
            };
        return { current: wheel.file, previous: await match.fetch() };
    }));
    const previousWheelTags = [...new Set(candidates.flatMap(c => c.tags))].sort();
    return { wheels: planned, ...(previousWheelTags.length && { previousWheelTags }) };
}
/**
 * Names an sdist by its PEP 625 file name (`demo_pkg-1.2.tar.gz`) when it has one, so that it is read
 * only once; other names (legacy, spooled standard input) are read for their PKG-INFO here.
 */
async function identify(file, limits) {
    const named = pep625Identity(file);
    if (named)
        return { file, ...named, from: 'file name' };
    return { file, ...readPackageIdentity(await readUntilPkgInfo(file, limits)), from: 'PKG-INFO' };
}
function downloadOptions(from) {
    const { effects, options } = from;
    return {
        ...(effects.cache && { cache: effects.cache }),
        ...(effects.fetch && { fetch: effects.fetch }),
        ...(effects.notice && { notice: effects.notice }),
        retry: options.retry
    };
}
async function currentFiles({ sources, effects, cwd, workdir }) {
    if (sources.current.length)
        return expandPaths(sources.current, cwd, 'current');
    return buildSdists(sources.buildCommand || DEFAULT_BUILD_COMMAND, cwd, effects.run ?? spawnRunner, 'Build the current sdists', workdir);
}
const nameOf = (sdist) => normalizeName(sdist.name);
/**
 * The current sdists a `packages` selection names: by normalised name, or by a glob of the name or of
 * the file's path. A selector that matches nothing is an error, so a typo cannot silently skip a package.
 */
function selectPackages(sdists, selectors, cwd) {
    if (!selectors.length)
        return sdists;
    const matches = (selector, sdist) => {
        const name = nameOf(sdist);
        if (normalizeName(selector) === name)
            return true;
        const glob = picomatch_default()(selector, { dot: true });
        return glob(name) || glob((0,external_node_path_.relative)(cwd, sdist.file)) || glob(sdist.file);
    };
    for (const selector of selectors) {
        if (!sdists.some(sdist => matches(selector, sdist)))
            throw new Error(`packages: "${selector}" matches none of the current sdists (${sdists.map(nameOf).join(', ') || 'none'})`);
    }
    return sdists.filter(sdist => selectors.some(selector => matches(selector, sdist)));
}
function refuseDuplicateNames(sdists) {
    const seen = new Map();
    for (const sdist of sdists) {
        const other = seen.get(nameOf(sdist));
        if (other)
            throw new Error(`current: ${other} and ${sdist.file} are both sdists of ${nameOf(sdist)}; give one per package`);
        seen.set(nameOf(sdist), sdist.file);
    }
}
/** For specs that name files (paths, a URL, a git ref), every previous sdist by normalised name. */
async function previousByName(resolution, current) {
    const { spec, sources, effects, options, cwd } = resolution;
    let files;
    if (spec.kind === 'files')
        files = await expandPaths(spec.patterns, cwd, 'previous');
    else if (spec.kind === 'url')
        files = [await downloadUrl(resolution, spec.url)];
    else if (spec.kind === 'git') {
        files = await buildGitRef(spec.ref, cwd, sources.buildCommand || DEFAULT_BUILD_COMMAND, effects.run ?? spawnRunner, resolution.workdir);
    }
    else
        return undefined;
    const wheels = namedWheels(files.filter(isWheelFile), 'previous');
    const sdists = await Promise.all(files.filter(file => !isWheelFile(file)).map(file => identify(file, options.readLimits)));
    const [only] = sdists;
    if (sdists.length === 1 && current.length === 1 && only && current[0]) {
        // One of each: pair them even if the name changed, so that name-changed can say so.
        return { sdists: new Map([[nameOf(current[0]), only]]), wheels };
    }
    return { sdists: new Map(sdists.map(sdist => [nameOf(sdist), sdist])), wheels };
}
async function downloadUrl(resolution, url) {
    const parsed = new URL(url);
    const sha256 = sha256FromFragment(parsed);
    parsed.hash = '';
    const filename = decodeURIComponent(parsed.pathname.split('/').pop() ?? 'previous.tar.gz');
    return downloadArchive({ url: parsed.href, filename, ...(sha256 && { sha256 }) }, resolution.workdir, downloadOptions(resolution));
}
async function planPackage(resolution, current, byName) {
    const { name, version } = current;
    const named = (previous) => {
        const sides = {
            ...(current.from === 'file name' && { current }),
            ...(previous?.from === 'file name' && { previous })
        };
        return Object.keys(sides).length ? { named: sides } : {};
    };
    if (byName) {
        const previous = byName.get(normalizeName(name));
        return previous
            ? { current: current.file, previous: previous.file, ...named(previous) }
            : { current: current.file, newPackage: `no previous sdist of ${name} was given`, ...named() };
    }
    const fromIndex = await fetchPreviousFromIndex(resolution, name, version);
    const { repository } = resolution.sources.provenance ?? {};
    const provenance = {
        ...(typeof fromIndex !== 'string' && { previous: fromIndex.provenance }),
        ...(repository && { repository })
    };
    return typeof fromIndex === 'string'
        ? { current: current.file, newPackage: fromIndex, ...named() }
        : {
            current: current.file,
            previous: fromIndex.path,
            indexRelease: { version: fromIndex.version, files: fromIndex.files },
            provenance,
            ...named()
        };
}
/** The previous sdist from the index, or the reason there is none (a new package). */
async function fetchPreviousFromIndex(resolution, name, version) {
    const { indexUrl, indexShown, spec, effects, options } = resolution;
    // The sdist names its project: a Name that is a URL or a path must not pick the host or the page.
    if (!isValidName(name))
        return `its Name "${name}" is not a valid project name (PEP 508), so it was not looked up on the index`;
    const files = await listProjectFiles(indexUrl, name, options.retry, effects.fetch);
    if (!files)
        return `not on the index ${indexShown} yet: a new package, nothing to compare`;
    const sdists = sdistsOf(files, name);
    const chosen = spec.kind === 'version'
        ? findVersion(sdists, spec.version)
        : choosePreviousRelease(sdists, version);
    if (!chosen && spec.kind === 'version') {
        const known = sdists.map(s => s.version).join(', ') || 'none';
        throw new Error(`previous: ${name} ${spec.version} has no sdist on ${indexShown} (sdists there: ${known})`);
    }
    if (!chosen)
        return `no release before ${version} on the index ${indexShown}: nothing to compare`;
    effects.log?.(`${name}: comparing with ${chosen.filename} from ${indexShown}`);
    return {
        path: await downloadArchive(chosen, resolution.workdir, downloadOptions(resolution)),
        version: chosen.version,
        files,
        provenance: await fetchProvenance(chosen, options.retry, effects.fetch)
    };
}

;// CONCATENATED MODULE: ./src/acquire/index-releases.ts





/**
 * The index's releases of a project, each a version with an sdist or a wheel that is not yanked (a
 * release of wheels only is a release too), in the index's order.
 */
function releasesOf(files, project) {
    const releases = new Map();
    const releaseOf = (version) => {
        const key = normalizeVersion(version);
        const release = releases.get(key) ?? { version, wheels: [] };
        releases.set(key, release);
        return release;
    };
    for (const sdist of sdistsOf(files, project))
        releaseOf(sdist.version).sdist ??= sdist;
    for (const file of files) {
        const named = file.yanked ? undefined : wheelName(file.filename);
        if (!named || normalizeName(named.name) !== normalizeName(project))
            continue;
        releaseOf(named.version).wheels.push({ file, named });
    }
    return [...releases.values()].map(release => ({
        ...release,
        version: release.sdist?.version ?? release.version
    }));
}
/** The highest final release; a project with pre-releases only gets its highest pre-release. */
function latestRelease(releases) {
    const finals = releases.filter(r => !isPrerelease(r.version));
    return [...(finals.length ? finals : releases)].sort((a, b) => compareVersions(b.version, a.version) ?? 0)[0];
}
/**
 * The current release's wheels that the previous release has a wheel of the same tags for, or that are
 * pure, each with that wheel (or the previous pure one); pure ones first.
 */
function matchWheels(current, previous) {
    const tags = (wheel) => wheel.named.tags.join('.');
    const pure = (wheel) => wheel.named.tags.every(wheel_tags/* isPure */.rC);
    const previousPure = previous.find(pure);
    return current
        .flatMap(wheel => {
        const same = previous.find(before => tags(before) === tags(wheel));
        if (!same && !pure(wheel))
            return [];
        const match = same ?? previousPure;
        return [{ current: wheel, ...(match && { previous: match }) }];
    })
        .sort((a, b) => Number(pure(b.current)) - Number(pure(a.current)));
}
/** Every tag of the release's wheels, sorted: what installs the release serves. */
function wheelTags(release) {
    return [...new Set(release.wheels.flatMap(wheel => wheel.named.tags))].sort();
}

;// CONCATENATED MODULE: ./src/acquire/published.ts










/** Why a release judged alone has nothing to compare with. */
const ALONE = 'judged alone, as a first release';
class PublishedReleaseError extends Error {
}
/**
 * Finds both releases on the index (a release of wheels only counts) and downloads what the release form
 * compares: both sdists, and the current wheels the previous release has a wheel of the same tags for,
 * or the pure ones, with those previous wheels. A release without an sdist is judged by its wheels.
 */
async function planPublished(request, options, effects, workdir) {
    const { current, previous } = await findReleases(request, options, effects);
    const shown = withoutCredentials(request.indexUrl);
    effects.log?.(previous
        ? `${request.name}: comparing ${current.version} with ${previous.version} from ${shown}`
        : `${request.name}: judging ${current.version} from ${shown} alone`);
    const matches = matchWheels(current.wheels, previous?.wheels ?? []);
    // A release of wheels only is judged by one of them even when the previous release has none like it.
    const [first] = current.wheels;
    const compared = !current.sdist && !matches.length && first ? [{ current: first }] : matches;
    const download = downloader(options, effects, workdir);
    const optional = (file) => (file ? download(file) : undefined);
    const [sdists, wheels] = await Promise.all([
        Promise.all([optional(current.sdist), optional(previous?.sdist)]),
        Promise.all(compared.map(async (match) => {
            const [now, before] = await Promise.all([
                download(match.current.file),
                optional(match.previous?.file)
            ]);
            return { now, before, match };
        }))
    ]);
    return [planOf({ current, previous }, sdists, wheels)];
}
/** Downloads a file and reads its provenance, once per file however often it is asked for. */
function downloader(options, effects, workdir) {
    const limit = pLimit(options.concurrency);
    const started = new Map();
    return file => {
        // Several current wheels may be compared with the same previous pure one.
        const fetched = started.get(file.url) ??
            limit(async () => ({
                path: await downloadArchive(file, workdir, downloadOptions({ effects, options })),
                provenance: await fetchProvenance(file, options.retry, effects.fetch)
            }));
        started.set(file.url, fetched);
        return fetched;
    };
}
async function findReleases(request, options, effects) {
    const { name } = request;
    const shown = withoutCredentials(request.indexUrl);
    const files = request.listed ?? (await listProjectFiles(request.indexUrl, name, options.retry, effects.fetch));
    if (!files)
        throw new PublishedReleaseError(`${name} is not on the index ${shown}`);
    const releases = releasesOf(files, name);
    const named = (version) => {
        const found = findVersion(releases, version);
        if (found)
            return found;
        const known = releases
            .map(r => r.version)
            .sort((a, b) => compareVersions(a, b) ?? 0)
            .join(', ') || 'none';
        throw new PublishedReleaseError(`${name} ${version} is not released on ${shown} (releases there: ${known})`);
    };
    const current = request.current ? named(request.current) : latestRelease(releases);
    if (!current)
        throw new PublishedReleaseError(`${name} has no release on ${shown} (no sdist, no wheel)`);
    if (request.alone)
        return { current };
    const previous = request.previous
        ? named(request.previous)
        : choosePreviousRelease(releases, current.version);
    if (!previous)
        throw new PublishedReleaseError(`${name} ${current.version} has no release before it on ${shown}: name the other one (${name}==VERSION)`);
    return { current, previous };
}
/**
 * The plan the pipeline compares: the current sdist, with the wheels beside it; or, for a release
 * without one, its first wheel (a pure one when it has one) in the sdist's place.
 */
function planOf(releases, [sdist, previousSdist], wheels) {
    const { current, previous } = releases;
    const tags = {
        ...(previous?.wheels.length && { previousWheelTags: wheelTags(previous) }),
        ...(current.wheels.length && { currentWheelTags: wheelTags(current) })
    };
    const wheelPlans = wheels.map(wheel => wheelPlan(wheel, previous, sdist !== undefined));
    const previousFile = previousSdist ?? wheels.find(w => w.before)?.before;
    const provenance = (now) => ({
        current: now.provenance,
        ...(previousFile && { previous: previousFile.provenance })
    });
    if (sdist) {
        const named = {
            ...namedSdist(sdist, 'current'),
            ...(previousSdist && namedSdist(previousSdist, 'previous'))
        };
        return {
            current: sdist.path,
            ...(previousSdist
                ? { previous: previousSdist.path }
                : {
                    newPackage: previous
                        ? `the previous release ${previous.version} published no sdist, only wheels: its wheels are compared with this release's`
                        : ALONE
                }),
            ...(Object.keys(named).length && { named }),
            provenance: provenance(sdist),
            ...(wheelPlans.length && { wheels: wheelPlans }),
            ...tags
        };
    }
    const [primary, ...others] = wheelPlans;
    const [first] = wheels;
    if (!primary || !first)
        throw new PublishedReleaseError(`${current.version} has neither an sdist nor a wheel`);
    return {
        ...primary,
        withoutSdist: previous
            ? { ...(previous.sdist && { previousSdist: previous.sdist.filename }) }
            : { judgedAlone: true },
        provenance: provenance(first.now),
        ...(others.length && { wheels: others }),
        ...tags
    };
}
function wheelPlan({ now, before, match }, previous, besideSdist) {
    if (before)
        return { current: now.path, previous: before.path };
    if (!previous)
        return { current: now.path, newPackage: ALONE };
    const what = previous.wheels.length
        ? `no wheel with the tags ${match.current.named.tags.join(', ')} or a pure one`
        : 'no wheel';
    const so = besideSdist ? 'compared with its sdist only' : 'nothing to compare this wheel with';
    return {
        current: now.path,
        newPackage: `the previous release ${previous.version} has ${what}: ${so}`
    };
}
function namedSdist(sdist, side) {
    const named = pep625Identity(sdist.path);
    return named ? { [side]: { file: sdist.path, ...named, from: 'file name' } } : {};
}

;// CONCATENATED MODULE: ./src/read/read-texts.ts



/**
 * The text of chosen files, read again from the archive's file: the first read kept only what a diff
 * can show, and the code analysis sometimes needs a module the release did not change.
 */
async function readTexts(file, wanted) {
    const keeper = {
        track: (_side, entry) => {
            if (!wanted(entry.path))
                dropText(entry);
        },
        matched: (_side, path) => !wanted(path)
    };
    const archive = await readArchive(file, undefined, { keeper, side: 1 });
    const texts = new Map();
    for (const [path, entry] of archive.entries) {
        const text = wanted(path) ? (0,decode_text/* entryText */.u0)(entry) : undefined;
        if (text !== undefined)
            texts.set(path, text);
    }
    return texts;
}

;// CONCATENATED MODULE: ./src/analysis/call-chains.ts

/**
 * How many calls of the package's own functions are followed from module level: `_setup()` at module
 * level, which calls `fetch()`, which calls `install()`, is three deep.
 */
const CHAIN_DEPTH = 3;
/**
 * What runs on import through the package's own functions: from each root module's module-level
 * calls (and class bodies), the behaviours of the functions they call, at most CHAIN_DEPTH calls deep,
 * each with the calls that lead to it (the shortest chain).
 */
async function reachedOnImport(roots, side) {
    const reached = [];
    const seen = new Set();
    let level = [];
    for (const root of roots) {
        const facts = await side.facts(root);
        if (!facts)
            continue;
        for (const call of facts.calls) {
            if (call.within !== undefined)
                continue;
            const target = await resolveCall(root, call.callee, facts, side);
            if (target)
                level.push({ target, via: [{ path: root, line: call.line, callee: call.callee }] });
        }
    }
    for (let depth = 1; depth <= CHAIN_DEPTH && level.length; depth++) {
        const next = [];
        for (const { target, via } of level) {
            const id = `${target.path}\0${target.name}`;
            if (seen.has(id))
                continue;
            seen.add(id);
            const facts = await side.facts(target.path);
            if (!facts)
                continue;
            for (const found of facts.behaviours)
                if (found.within === target.name)
                    reached.push({ ...found, level: 'module', via });
            if (depth === CHAIN_DEPTH)
                continue;
            for (const call of facts.calls) {
                if (call.within !== target.name)
                    continue;
                const callee = await resolveCall(target.path, call.callee, facts, side);
                if (callee)
                    next.push({
                        target: callee,
                        via: [...via, { path: target.path, line: call.line, callee: call.callee }]
                    });
            }
        }
        level = next;
    }
    return reached;
}
/**
 * The package function a call names: a function of the same module (`_setup`), or of another module
 * of the side (`.helpers.fetch`, `pkg.helpers.fetch`), through one re-export (`from .helpers import
 * fetch` in `pkg/__init__.py`).
 */
async function resolveCall(from, callee, facts, side, hops = 0) {
    if (!callee.includes('.'))
        return facts.functions.includes(callee) ? { path: from, name: callee } : undefined;
    const absolute = absoluteName(from, callee);
    const parts = absolute?.split('.') ?? [];
    const name = parts.pop();
    const path = side.modules.get(parts.join('.'));
    if (!name || !path)
        return undefined;
    const owner = path === from ? facts : await side.facts(path);
    if (!owner)
        return undefined;
    if (owner.functions.includes(name))
        return { path, name };
    const imported = owner.imported[name];
    return imported && hops < 2 ? resolveCall(path, imported, owner, side, hops + 1) : undefined;
}
/** `.helpers.fetch` in `pkg/__init__.py` → `pkg.helpers.fetch`; `..x.f` in `pkg/sub/m.py` → `pkg.x.f`. */
function absoluteName(from, callee) {
    const dots = /^\.*/.exec(callee)?.[0].length ?? 0;
    if (!dots)
        return callee;
    const base = packageOf(from)?.split('.').filter(Boolean);
    if (!base || dots - 1 > base.length)
        return undefined;
    return [...base.slice(0, base.length - (dots - 1)), callee.slice(dots)].filter(Boolean).join('.');
}

;// CONCATENATED MODULE: ./src/analysis/own-calls.ts

/**
 * Whether a module's import-time code (module level and class bodies) may call one of the package's own
 * functions: a function it defines, a name it imports from the package (`from .helpers import fetch`,
 * `from pkg.helpers import fetch`), or a function of a package module it imports (`helpers.fetch()`).
 * A cheap reading of the text that decides which modules are parsed for call chains.
 */
function mayCallOwnOnImport(path, text) {
    const names = ownNames(path, text);
    if (!names.length)
        return false;
    const called = new RegExp(`(?:^|[^\\w.])(?:${names.join('|')})(?:\\.[\\w.]+)?\\s*\\(`);
    return importTimeLines(text).some(line => called.test(line));
}
/** Functions defined at column 0. */
function moduleFunctions(text) {
    return [...text.matchAll(/^(?:async[ \t]+)?def[ \t]+(\w+)/gm)].map(m => m[1] ?? '');
}
/** `from .x import y`, `from pkg.x import y`, `import pkg.x`: the module reaches into its own package. */
function importsOwnPackage(path, text) {
    const own = importPackage(path).replace(/[^\w]/g, '');
    return new RegExp(`^[ \\t]*(?:from[ \\t]+\\.|(?:from|import)[ \\t]+${own}\\b)`, 'm').test(text);
}
function ownNames(path, text) {
    const names = new Set();
    for (const name of moduleFunctions(text))
        names.add(name);
    const own = importPackage(path);
    const source = text.replace(/\\\r?\n/g, ' ');
    for (const [, from, list] of source.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm)) {
        if (!from.startsWith('.') && from.split('.')[0] !== own)
            continue;
        for (const part of list.replace(/[()]/g, '').split(','))
            names.add(part
                .trim()
                .split(/\s+as\s+/)
                .pop() ?? '');
    }
    for (const [, list] of source.matchAll(/^[ \t]*import[ \t]+([^\n]*)/gm))
        for (const part of list.split(',')) {
            const [module = '', alias] = part.trim().split(/\s+as\s+/);
            if (module.split('.')[0] === own)
                names.add(alias ?? own);
        }
    names.delete('');
    names.delete('*');
    return [...names].filter(name => /^\w+$/.test(name));
}
/**
 * Lines that run on import: statements at module level, in top-level blocks (`if`, `try`, …) and in
 * class bodies, outside the functions defined there.
 */
function importTimeLines(text) {
    const lines = [];
    let inFunction = false;
    let defIndent = -1;
    for (const line of text.split('\n')) {
        const code = line.trimStart();
        if (!code || code.startsWith('#'))
            continue;
        const indent = line.length - code.length;
        const defines = /^(?:async\s+)?def\b/.test(code);
        if (indent === 0) {
            inFunction = defines;
            defIndent = -1;
        }
        else if (inFunction || (defIndent >= 0 && indent > defIndent))
            continue;
        else
            defIndent = defines ? indent : -1;
        if (!defines && !code.startsWith('@'))
            lines.push(code);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/analysis/callers.ts


/**
 * The modules whose import-time code may call one of the functions, directly or through at most
 * CHAIN_DEPTH functions: a module the release did not change can run a changed function on import.
 * Modules are picked by their text (a call by the name); reachedOnImport then resolves the calls.
 */
async function callersOnImport(functions, side, isPackageCode) {
    const roots = new Set();
    const paths = [...side.modules.values()].filter(isPackageCode);
    const seen = new Set();
    let frontier = functions;
    for (let depth = 0; depth < CHAIN_DEPTH && frontier.length; depth++) {
        const next = [];
        for (const f of frontier)
            seen.add(`${f.path}\0${f.name}`);
        const called = new RegExp(`(?:^|[^\\w.])(?:${[...new Set(frontier.map(f => f.name))].join('|')})\\s*\\(|\\.\\s*(?:${[...new Set(frontier.map(f => f.name))].join('|')})\\s*\\(`, 'm');
        for (const path of paths) {
            const text = await side.text(path);
            if (text === undefined || !called.test(text))
                continue;
            if (mayCallOwnOnImport(path, text))
                roots.add(path);
            const facts = await side.facts(path);
            for (const call of facts?.calls ?? []) {
                const name = call.callee.split('.').pop() ?? '';
                const within = call.within;
                if (!within || within.includes('.') || !frontier.some(f => f.name === name))
                    continue;
                if (!seen.has(`${path}\0${within}`))
                    next.push({ path, name: within });
            }
        }
        frontier = next;
    }
    return [...roots];
}

;// CONCATENATED MODULE: ./src/analysis/preselect.ts
/** Which modules are worth a parse: cheap readings of the text, before python-code.ts reads it. */
/**
 * What a file needs before python-code.ts can find a behaviour in it: the calls are resolved through
 * imports, so a network or process call needs its module imported (or `os.` spelled out), and handing
 * on the environment needs `environ`. A file with none is not parsed: `re.compile`, `os.environ.get(…)`
 * and "operating system" in a docstring need no parse.
 */
const IMPORTS_NETWORK_OR_PROCESS = /^[ \t]*(?:import|from)\b[^\n]*\b(?:urllib\d?|httplib|http|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib|subprocess|pty|commands)\b|^[ \t]*import\b[^\n]*\bos\s+as\b/m;
const CALLS_OS = /\bos\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)\b/;
/** `from os import system` (or a parenthesised or continued list holding it). */
const FROM_OS_IMPORT = /^[ \t]*from\s+os\s+import\s+(\([^)]*\)|(?:[^\n\\]|\\\n)*)/gm;
const OS_PROCESS_NAMES = /\b(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork|environ)\b/;
/** The whole environment handed on: `environ` not read one variable at a time. */
const MAY_ENVIRONMENT = /\benviron\b(?!\s*(?:\[|\.get\s*\(|\.setdefault\s*\())/;
/**
 * A module or function named by a constant string (`__import__('subprocess')`,
 * `importlib.import_module('urllib.request')`, `getattr(os, 'system')`), which python-code.ts resolves.
 */
const BY_NAME = /\b(?:__import__|import_module)\s*\(\s*[rbuRBU]?['"](?:urllib\d?|httplib|http|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib|subprocess|pty|commands|os|builtins)\b|\bgetattr\s*\([^;\n]*?,\s*[rbuRBU]?['"](?:system|popen|Popen|exec\w*|spawn\w*|posix_spawnp?|fork|eval|compile|check_output|check_call|getoutput|urlopen|urlretrieve|create_connection|environ)['"]/;
function mayHaveBehaviour(text) {
    return (BY_NAME.test(text) ||
        IMPORTS_NETWORK_OR_PROCESS.test(text) ||
        CALLS_OS.test(text) ||
        [...text.matchAll(FROM_OS_IMPORT)].some(m => OS_PROCESS_NAMES.test(m[1] ?? '')) ||
        MAY_ENVIRONMENT.test(text) ||
        mayDecodeAndExecute(text));
}
/**
 * Tests, docs and examples only matter for decoding and executing data (everything else they do runs
 * on a developer's machine, on purpose): a file that cannot do that is not parsed.
 */
function mayDecodeAndExecute(text) {
    return ((EXECUTES.test(text) && DECODES.test(text)) ||
        (UNPICKLERS.test(text) && (LOADS_LITERAL.test(text) || /\bloads\s+as\b/.test(text))));
}
/** exec/eval/compile of decoded data: a decoder (`marshal.loads` among them) must be named. */
const EXECUTES = /\b(?:exec|eval|compile)\b/;
const DECODES = /\b(?:\w*decode\w*|decompress|unhexlify|a2b_\w+|fromhex|marshal)\b/;
/** `pickle.loads(b"…")` or of decoded bytes: a literal, or a decoder within the call's first 300 characters. */
const UNPICKLERS = /\b(?:marshal|pickle|_pickle|dill)\b/;
const LOADS_LITERAL = /\bloads\s*\(\s*(?:[rbuRBU]{0,2}['"]|[\s\S]{0,300}?(?:decode|fromhex|decompress|unhexlify|a2b_))/;

;// CONCATENATED MODULE: ./src/analysis/parse-cache.ts
/**
 * Module facts by content (sha256 and how it was decoded): a wheel's copy of a module the sdist of its
 * release holds, or a module both the behaviours and the call chains read, is parsed once. Cleared
 * past a bound: a long-lived process keeps few.
 */
const byContent = new Map();
const KEPT = 4096;
function moduleFacts(parse, path, entry, text) {
    const key = entry && `${entry.sha256}\0${entry.binary ? 'binary' : 'python'}\0${text.length}`;
    let facts = key === undefined ? undefined : byContent.get(key);
    if (!facts) {
        facts = parse(path, text);
        if (byContent.size >= KEPT)
            byContent.clear();
        if (key !== undefined)
            byContent.set(key, facts);
    }
    if (facts.behaviours.every(b => b.path === path))
        return facts;
    return { ...facts, behaviours: facts.behaviours.map(b => ({ ...b, path })) };
}

;// CONCATENATED MODULE: ./src/analysis/import-chains.ts








/**
 * Behaviours the roots run on import through the package's own functions, and what the same roots ran
 * so in the previous release. The roots are the changed modules whose import-time code calls the
 * package's own functions, and the modules whose import-time code calls (through at most CHAIN_DEPTH
 * functions) a function the release gave a new behaviour. A module the release did not change is read
 * again from the archive, once, only when a chain needs it.
 */
async function chainsOnImport(parse, current, changed, pair) {
    const now = currentSide(parse, current);
    const callers = changed.gained.length
        ? await callersOnImport(changed.gained, now, changed.isPackageCode)
        : [];
    const roots = [...new Set([...changed.roots, ...callers])];
    const found = await reachedOnImport(roots, now);
    if (!found.length || !pair)
        return { now: found, before: [] };
    const then = previousSide(parse, pair, now);
    const before = await reachedOnImport(roots.filter(path => pair.previous.entries.has(path)), then);
    return { now: found, before };
}
function pythonModules(archive) {
    const modules = new Map();
    for (const path of archive.entries.keys()) {
        const name = moduleName(path);
        if (name !== undefined && !modules.has(name))
            modules.set(name, path);
    }
    return modules;
}
function currentSide(parse, current) {
    const parsed = new Map();
    let reread;
    const textOf = async (path) => {
        const text = (0,decode_text/* scanText */.Ff)(current.entries.get(path));
        if (text !== undefined || current.entries.get(path)?.type !== 'file')
            return text;
        reread ??= readTexts(current.file, p => p.endsWith('.py') && (0,decode_text/* scanText */.Ff)(current.entries.get(p)) === undefined);
        return (await reread).get(path);
    };
    return {
        modules: pythonModules(current),
        text: textOf,
        async facts(path) {
            if (parsed.has(path))
                return parsed.get(path);
            const text = await textOf(path);
            const facts = text === undefined ? undefined : factsOf(parse, path, current.entries.get(path), text);
            parsed.set(path, facts);
            return facts;
        }
    };
}
/**
 * A module with no behaviour of its own and no import of its own package reaches nothing through its
 * functions: it is not parsed, only its functions listed.
 */
function factsOf(parse, path, entry, text) {
    if (mayHaveBehaviour(text) || importsOwnPackage(path, text))
        return moduleFacts(parse, path, entry, text);
    return { behaviours: [], calls: [], functions: moduleFunctions(text), imported: {} };
}
/** The previous release: its own copy of a changed module, the current one's of an unchanged module. */
function previousSide(parse, pair, now) {
    const parsed = new Map();
    return {
        modules: pythonModules(pair.previous),
        async facts(path) {
            const then = pair.previous.entries.get(path);
            if (then && then.sha256 === pair.current.entries.get(path)?.sha256)
                return now.facts(path);
            if (parsed.has(path))
                return parsed.get(path);
            const text = (0,decode_text/* scanText */.Ff)(then);
            const facts = text === undefined ? undefined : factsOf(parse, path, then, text);
            parsed.set(path, facts);
            return facts;
        }
    };
}

;// CONCATENATED MODULE: ./src/analysis/code.ts








/** The Python grammar loads on first use: a release whose changed files need no parse never pays for it. */
let pythonCode;
const BUILD_HOOKS = new Set(['setup.py', 'hatch_build.py', 'pdm_build.py', 'build.py']);
/**
 * Python behaviours in the files a release adds or changes (every file of a first release), classified by
 * when they run and compared with the same files of the previous release.
 */
async function analyseCode(current, changed, pair) {
    const modules = changed.filter(path => path.endsWith('.py'));
    const python = modules.filter(path => needsParse(current, path));
    const declaring = modules.filter(path => declaresEncoding(current, path));
    const unread = modules.filter(path => isUnread(current, path));
    const build = buildTimeFiles(current);
    const packages = importPackages(current.entries.keys());
    const roots = modules.filter(path => callsOwnOnImport(current, path, build, packages));
    if (!python.length && !declaring.length && !unread.length && !roots.length)
        return { suspicious: [], capabilitiesAdded: [] };
    const code = await (pythonCode ??= Promise.all(/* import() */[__nccwpck_require__.e(283), __nccwpck_require__.e(708)]).then(__nccwpck_require__.bind(__nccwpck_require__, 708)));
    const parse = code.pythonModule;
    const direct = [
        ...declaring.flatMap(path => encodingFinding(current, path, build)),
        ...unread.map(path => unreadFinding(current, path, build)),
        ...python.flatMap(path => code_parsed(parse, current, path, build))
    ];
    const withFindings = new Set(direct.map(f => f.path));
    const before = new Set(pair ? previousKeys(parse, pair, build, withFindings) : []);
    const isPackage = (path) => isPackageCode(path, packages);
    const gained = direct.flatMap(f => f.within && !f.within.includes('.') && isPackage(f.path) && !before.has(key(f))
        ? [{ path: f.path, name: f.within }]
        : []);
    const chains = roots.length || gained.length
        ? await chainsOnImport(parse, current, { roots, gained, isPackageCode: isPackage }, pair)
        : { now: [], before: [] };
    const found = withChains(direct, chains.now.map(f => ({ ...f, runsAt: runsAt(f, build) })));
    for (const f of chains.before)
        before.add(key({ ...f, runsAt: runsAt(f, build) }));
    const added = found.filter(f => !before.has(key(f)));
    const suspicious = added.filter(f => f.behaviour === 'decode-execute' || (f.runsAt !== 'run' && !DEVELOPER_ONLY(f.path)));
    return { suspicious, capabilitiesAdded: pair ? capabilityCandidates(added, packages) : [] };
}
/**
 * A changed module of an import package (or a build-time file) whose import-time code may call the
 * package's own functions (see call-chains.ts).
 */
function callsOwnOnImport(sdist, path, build, packages) {
    if (!build.has(path) && !isPackageCode(path, packages))
        return false;
    const text = (0,decode_text/* scanText */.Ff)(sdist.entries.get(path));
    return text !== undefined && mayCallOwnOnImport(path, text);
}
/** A behaviour reached on import through a call chain replaces the same call found as run-time. */
function withChains(found, chained) {
    const at = (f) => `${f.path}\0${f.line}\0${f.behaviour}`;
    const reached = new Map();
    for (const f of chained)
        if (!reached.has(at(f)))
            reached.set(at(f), f);
    const direct = found.map(f => reached.get(at(f)) ?? f);
    for (const f of direct)
        reached.delete(at(f));
    return [...direct, ...reached.values()];
}
function needsParse(sdist, path) {
    const text = (0,decode_text/* scanText */.Ff)(sdist.entries.get(path));
    if (text === undefined || !mayHaveBehaviour(text))
        return false;
    return !DEVELOPER_ONLY(path) || mayDecodeAndExecute(text);
}
function declaresEncoding(sdist, path) {
    const entry = sdist.entries.get(path);
    return (0,decode_text/* entryText */.u0)(entry) !== undefined && entry?.declaredEncoding !== undefined;
}
/** A file the analysis could not read: larger than even the scan cap (see loadLargeFiles). */
function isUnread(sdist, path) {
    const entry = sdist.entries.get(path);
    return entry?.type === 'file' && entry.size > 0 && (0,decode_text/* scanText */.Ff)(entry) === undefined;
}
function unreadFinding(sdist, path, build) {
    const size = sdist.entries.get(path)?.size ?? 0;
    const found = {
        path,
        line: 1,
        behaviour: 'unread',
        call: `${Math.round(size / 1024 ** 2)} MiB`,
        level: 'module'
    };
    return { ...found, runsAt: runsAt(found, build) };
}
/** A module whose coding cookie names an unusual encoding: the whole module is read that way. */
function encodingFinding(sdist, path, build) {
    const declared = sdist.entries.get(path)?.declaredEncoding;
    if (!declared)
        return [];
    const found = {
        path,
        line: declared.line,
        behaviour: 'source-encoding',
        call: `coding: ${declared.name}`,
        level: 'module'
    };
    return [{ ...found, runsAt: runsAt(found, build) }];
}
/** The behaviours of a file that needs a parse (see needsParse), classified by when they run. */
function code_parsed(parse, sdist, path, build) {
    const entry = sdist.entries.get(path);
    const { behaviours } = moduleFacts(parse, path, entry, (0,decode_text/* scanText */.Ff)(entry) ?? '');
    return behaviours.map(found => ({ ...found, runsAt: runsAt(found, build) }));
}
function runsAt(found, build) {
    const root = found.via?.[0]?.path;
    if (root !== undefined)
        return build.has(root) ? 'build' : 'import';
    if (build.has(found.path))
        return 'build';
    if (DEVELOPER_ONLY(found.path))
        return 'run';
    return found.level === 'module' ? 'import' : 'run';
}
const key = (f) => `${f.path}\0${f.behaviour}\0${f.call}\0${f.runsAt}`;
/** The same files in the previous release (a renamed file under its new name), where there is a finding. */
function previousKeys(parse, pair, build, wanted) {
    const { files, previous } = pair;
    const sources = [
        ...files.modified.map((path) => [path, path]),
        ...files.typeChanged.map((path) => [path, path]),
        ...files.renamed.map(({ from, to }) => [from, to])
    ];
    return sources
        .filter(([, now]) => wanted.has(now))
        .flatMap(([then, now]) => [
        ...(declaresEncoding(previous, then) ? encodingFinding(previous, then, build) : []),
        ...(needsParse(previous, then) ? code_parsed(parse, previous, then, build) : [])
    ].map(f => key({ ...f, path: now })));
}
/** The first run-time finding of each kind of network, process or environment use in package code. */
function capabilityCandidates(added, packages) {
    const firsts = new Map();
    for (const f of added) {
        if (f.behaviour === 'decode-execute' || f.behaviour === 'source-encoding')
            continue;
        if (f.behaviour === 'unread')
            continue;
        if (f.runsAt !== 'run' || !isPackageCode(f.path, packages))
            continue;
        if (!firsts.has(f.behaviour))
            firsts.set(f.behaviour, f);
    }
    return [...firsts.values()];
}
/**
 * A module of one of the import packages (see importPackages), not tests or docs: what capabilities
 * are found in and what a previous release's capabilities are read from.
 */
const isPackageCode = (path, packages) => path.endsWith('.py') && !DEVELOPER_ONLY(path) && packages.has(importPackage(path));
/**
 * The files that run when the sdist is built: setup.py and the local modules it imports, build hooks,
 * and an in-tree build backend (`[build-system] backend-path`).
 */
function buildTimeFiles(sdist) {
    const files = new Set();
    const paths = [...sdist.entries.keys()];
    for (const path of paths)
        if (BUILD_HOOKS.has(path))
            files.add(path);
    const pyproject = parsePyproject((0,decode_text/* entryText */.u0)(sdist.entries.get('pyproject.toml')) ?? '');
    const backendPaths = pyproject.ok ? (pyproject.buildSystem?.backendPath ?? []) : [];
    for (const folder of backendPaths) {
        const prefix = folder.replace(/^\.\/?/, '').replace(/\/?$/, '/');
        for (const path of paths)
            if (path.endsWith('.py') && (prefix === '/' || path.startsWith(prefix)))
                files.add(path);
    }
    const setup = (0,decode_text/* entryText */.u0)(sdist.entries.get('setup.py'));
    for (const module of setup ? localImports(setup) : []) {
        for (const candidate of [`${module}.py`, `${module}/__init__.py`])
            if (sdist.entries.has(candidate))
                files.add(candidate);
    }
    return files;
}
/** Top-level module names a file imports (`import helper`, `from build_helpers.x import y`). */
function localImports(text) {
    const names = new Set();
    for (const [, from, imported] of text.matchAll(/^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w., ]+))/gm)) {
        for (const name of (from ?? imported ?? '').split(','))
            names.add(name.trim().split(/\s|\./)[0] ?? '');
    }
    names.delete('');
    return [...names];
}

;// CONCATENATED MODULE: ./src/analysis/redactor.ts
const REDACTED = '‹redacted›';
/**
 * Replaces every secret value in a text; a multi-line value (a private key) line by line, so that the
 * lines of a diff that show it are redacted too. Key block markers (`-----BEGIN …-----`) stay.
 */
function redactor(values) {
    const pieces = [
        ...new Set(values.flatMap(value => value
            .split('\n')
            .map(line => line.trim())
            .filter(line => line.length >= 8 && !/^-----(?:BEGIN|END)[A-Z ]*-----$/.test(line))))
    ].sort((a, b) => b.length - a.length);
    if (!pieces.length)
        return text => text;
    return text => pieces.reduce((out, piece) => out.split(piece).join(REDACTED), text);
}

;// CONCATENATED MODULE: ./src/analysis/extra-secrets.ts
// The kinds of secret secretlint's recommended preset has no rule for, matched here.

/** A high-entropy literal assigned to a secret-like name: sticky, tried only where assignments() says. */
const ASSIGNED = /\b([A-Za-z_][\w.-]{0,80}?(?:password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key)[\w-]{0,80})["']?\s*(?:=|:|=>)\s*(["'])([^"'\s]{16,200})\2/iy;
/**
 * Kinds secretlint's recommended preset has no rule for, written here for that reason: AWS access key
 * ids (the half of a key pair that gitleaks and GitHub push protection report as a credential, and
 * that names whose key a leaked secret is), PyPI upload tokens, Stripe live keys, Google API keys, and
 * high-entropy literals assigned to secret-like names.
 */
const EXTRA_RULES = [
    {
        kind: 'AWS access key ID',
        pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
        group: 0
    },
    { kind: 'PyPI API token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, group: 0 },
    { kind: 'Stripe live key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b/g, group: 0 },
    { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, group: 0 },
    { kind: 'secret assigned to', pattern: ASSIGNED, group: 3 }
];
/** The secret-like names of the assignment rule: a match starts 1 to 81 characters before one. */
const SECRET_NAME = /password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key/gi;
const NAME_REACH = 81;
/** What follows the name in a match of ASSIGNED: where it does not follow, no match uses that name. */
const ASSIGNED_TAIL = /[\w-]{0,80}["']?\s*(?:=|:|=>)\s*(["'])[^"'\s]{16,200}\1/y;
/**
 * The matches of a sticky pattern, as `text.matchAll` of it made global would give them, tried only
 * where a secret-like name follows within NAME_REACH characters: the pattern costs a lazy scan at every
 * word start, and most text has no such name.
 */
function* assignments(text, pattern = ASSIGNED) {
    let next = 0;
    let tried = -1;
    const names = new RegExp(SECRET_NAME.source, SECRET_NAME.flags);
    for (let name = names.exec(text); name; name = names.exec(text)) {
        names.lastIndex = name.index + 1;
        ASSIGNED_TAIL.lastIndex = name.index + name[0].length;
        // A match that names a later occurrence starts within that one's reach and is tried there.
        if (pattern === ASSIGNED && !ASSIGNED_TAIL.test(text))
            continue;
        for (let at = Math.max(next, tried + 1, name.index - NAME_REACH); at < name.index; at++) {
            tried = at;
            pattern.lastIndex = at;
            const match = pattern.exec(text);
            if (!match)
                continue;
            yield match;
            next = at + match[0].length;
            tried = next - 1;
            at = tried;
        }
    }
}
const developerOnlyPaths = new Map();
function developerOnly(path) {
    let known = developerOnlyPaths.get(path);
    if (known === undefined)
        developerOnlyPaths.set(path, (known = DEVELOPER_ONLY(path)));
    return known;
}
function extraHits(text, place) {
    const hits = [];
    for (const [rule, { kind, pattern, group }] of EXTRA_RULES.entries()) {
        for (const match of pattern.sticky ? assignments(text, pattern) : text.matchAll(pattern)) {
            const value = match[group] ?? '';
            if (group !== 0 && (!looksRandom(value) || NOT_A_CREDENTIAL.test(match[1] ?? '')))
                continue;
            // AWS's documented sample id, AKIAIOSFODNN7EXAMPLE, in boto's docs and tests.
            if (group === 0 && PLACEHOLDER.test(value))
                continue;
            const where = place(match.index, match.index + match[0].length);
            if (where === 'crossed')
                return where;
            // Tests, docs and examples are full of made-up credentials: only the token formats are looked for there.
            if (group !== 0 && developerOnly(where.path))
                continue;
            const at = match.index + Math.max(0, match[0].lastIndexOf(value));
            const { line } = place(at, at + 1);
            const label = group === 0 ? kind : `a secret-looking value assigned to ${match[1]}`;
            const hit = { path: where.path, line, lines: [line], kind: label, value };
            hits.push({ hit, file: where.file, rule, line, at });
        }
    }
    return hits;
}
const PLACEHOLDER = /example|sample|dummy|changeme|placeholder|your[_-]?|xxxx|\*\*\*|<|>|\$\{|%\(|\{\{|os\.environ|getenv/i;
/**
 * Tokens that page, order or deduplicate API calls (`NextToken`, `ClientRequestToken`, botocore's
 * `output_token`): their examples look random and are no credential.
 */
const NOT_A_CREDENTIAL = /(?:next|continuation|page|pagination|paging|output|input|starting|request|change|idempotency|action|purchase|verification|sync|cursor|resume)_?token$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Made of words (`valid_refresh_token_456`, `PassWordMustBeAtLeast6Chars.`): written by a person. */
function wordy(value) {
    const pieces = value.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean);
    const letters = pieces.join('').length;
    const inWords = pieces
        .filter(piece => piece.length >= 3 && /^[A-Za-z][a-z]+$/.test(piece) && /[aeiouy]/i.test(piece))
        .join('').length;
    return letters > 0 && inWords / letters >= 0.8;
}
/** Mixed letters and digits, high Shannon entropy, no placeholder words, not an id or a phrase. */
function looksRandom(value) {
    if (PLACEHOLDER.test(value) || !/[A-Za-z]/.test(value) || !/\d/.test(value))
        return false;
    if (UUID.test(value) || /[[\]()]/.test(value) || wordy(value))
        return false;
    const counts = new Map();
    for (const char of value)
        counts.set(char, (counts.get(char) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / value.length;
        entropy -= p * Math.log2(p);
    }
    return entropy >= 3.5;
}

;// CONCATENATED MODULE: ./src/analysis/secrets.ts

/** secretlint and its rules are loaded on first use: a release with no changed text never pays for them. */
async function loadSecretlint() {
    const [{ lintSource }, { creator }, { secretLintProfiler }] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 707).then(__nccwpck_require__.bind(__nccwpck_require__, 6707)),
        __nccwpck_require__.e(/* import() */ 577).then(__nccwpck_require__.bind(__nccwpck_require__, 1577)),
        __nccwpck_require__.e(/* import() */ 806).then(__nccwpck_require__.bind(__nccwpck_require__, 806))
    ]);
    // secretlint marks every rule run on a global profiler that keeps each mark and searches all of them
    // at the next one: quadratic in the number of scans. Nothing here reads its measures.
    secretLintProfiler.mark = () => { };
    const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
    return { lintSource, config };
}
let secretlint;
/** Characters the scan has handed to secretlint and searched to place its hits: linear in the input. */
const scanWork = { scanned: 0, searched: 0 };
/**
 * Secrets in text files of any length: secretlint's recommended preset (cloud, VCS, chat and service
 * tokens, private keys, connection strings), plus the few kinds it has no rule for (see EXTRA_RULES).
 * Each value is reported once per file with every line it is on.
 */
async function findSecrets(files) {
    const found = new Found();
    const known = new Known();
    const extra = [];
    // A loop, not flatMap: a diff changed everywhere hands over one small file per run of added lines.
    const pieces = [];
    files.forEach((file, index) => addWindows(file, index, pieces));
    for (const batch of batches(pieces)) {
        const joined = new Joined(batch);
        for (const hit of await secretlintBatch(joined, known))
            found.add(hit);
        for (const hit of extraBatchHits(joined))
            extra.push(hit);
    }
    // In the order of a scan of each file in turn, rule by rule, as the first place of each value counts.
    extra.sort((x, y) => x.file - y.file || x.rule - y.rule || x.line - y.line || x.at - y.at);
    for (const { hit } of extra)
        found.add(hit);
    return found.hits();
}
/** Line numbers of offsets in a text, from one pass over it. */
class LineIndex {
    breaks = [];
    constructor(text) {
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
            this.breaks.push(at);
    }
    /** The 1-based line of the character at `offset`. */
    lineAt(offset) {
        return lastBelow(this.breaks, offset) + 2;
    }
}
/** The index of the last element of an ascending array below `value`, -1 when none is. */
function lastBelow(sorted, value) {
    let [low, high] = [0, sorted.length];
    while (low < high) {
        const middle = (low + high) >>> 1;
        if ((sorted[middle] ?? Infinity) < value)
            low = middle + 1;
        else
            high = middle;
    }
    return low - 1;
}
/**
 * Long files go to secretlint in windows: its working copies of a source are several times its size,
 * and its time grows with the square of the hits in one call, so a window holds a bounded number.
 */
const WINDOW_CHARS = 64 * 1024;
/** Windows overlap by more than the longest secret (a 4096-bit private key block) so none is cut. */
const OVERLAP_CHARS = 8 * 1024;
/** Appends the windows of a file to `pieces`. */
function addWindows(file, index, pieces) {
    const { path, text, firstLine = 1 } = file;
    if (text.length <= WINDOW_CHARS) {
        pieces.push({ path, text, firstLine, index });
        return;
    }
    const lines = new LineIndex(text);
    for (let from = 0;;) {
        const to = Math.min(text.length, from + WINDOW_CHARS);
        const start = firstLine - 1 + lines.lineAt(from);
        pieces.push({ path, text: text.slice(from, to), firstLine: start, index });
        if (to === text.length)
            return;
        // The next window starts at a line start inside the overlap, or mid-line when the line is long.
        const lineStart = text.lastIndexOf('\n', to - OVERLAP_CHARS) + 1;
        from = lineStart > from ? lineStart : to - OVERLAP_CHARS;
    }
}
/** Small pieces joined into sources of a window's size: secretlint's per-call overhead grows with the calls made. */
const BATCH_CHARS = WINDOW_CHARS;
const SEPARATOR = '\n\n\n';
function batches(pieces) {
    const out = [[]];
    let size = 0;
    for (const piece of pieces) {
        if (size + piece.text.length > BATCH_CHARS && out[out.length - 1]?.length) {
            out.push([]);
            size = 0;
        }
        out[out.length - 1]?.push(piece);
        size += piece.text.length + SEPARATOR.length;
    }
    return out.filter(batch => batch.length > 0);
}
/**
 * One secretlint run over a batch; each hit is placed at the file and line it is on. Values found in
 * earlier batches are located here and blanked before the run, so a token repeated on every line is
 * found by secretlint once, not once per line in one call.
 */
class Joined {
    pieces;
    text;
    lines;
    starts = [];
    constructor(pieces) {
        this.pieces = pieces;
        let offset = 0;
        for (const piece of pieces) {
            this.starts.push(offset);
            offset += piece.text.length + SEPARATOR.length;
        }
        this.text = pieces.map(p => p.text).join(SEPARATOR);
        this.lines = new LineIndex(this.text);
    }
    /** The index of the piece holding the character at `at`. */
    pieceAt(at) {
        return lastBelow(this.starts, at + 1);
    }
    /** The file and line of the character at `at`. */
    place(at) {
        const index = this.pieceAt(at);
        const piece = this.pieces[index];
        if (!piece)
            return undefined;
        const line = piece.firstLine + this.lines.lineAt(at) - this.lines.lineAt(this.starts[index] ?? 0);
        return { piece, index, line };
    }
}
async function secretlintBatch(joined, known) {
    const { text, hits: seen } = known.blank(joined.text);
    scanWork.scanned += text.length;
    const raw = await secretlintHits(text);
    for (const hit of raw)
        known.add(hit);
    return seen.concat(raw).flatMap(({ at, kind, value }) => {
        const placed = joined.place(at);
        if (!placed)
            return [];
        return [{ path: placed.piece.path, line: placed.line, lines: [placed.line], kind, value }];
    });
}
/** The values secretlint has found so far (a bounded number of them), to locate without it. */
class Known {
    static MAX = 256;
    kinds = new Map();
    add({ kind, value }) {
        if (this.kinds.size < Known.MAX && !this.kinds.has(value))
            this.kinds.set(value, kind);
    }
    /** The known values' places in a text, and the text with them blanked (lines kept). */
    blank(text) {
        const hits = [];
        for (const [value, kind] of this.kinds) {
            for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length))
                hits.push({ at, kind, value });
            scanWork.searched += text.length;
        }
        if (!hits.length)
            return { text, hits };
        hits.sort((a, b) => a.at - b.at);
        const parts = [];
        let from = 0;
        for (const { at, value } of hits) {
            if (at < from)
                continue;
            parts.push(text.slice(from, at), value.replace(/[^\n]/g, ' '));
            from = at + value.length;
        }
        parts.push(text.slice(from));
        return { text: parts.join(''), hits };
    }
}
async function secretlintHits(text) {
    const { lintSource, config } = await (secretlint ??= loadSecretlint());
    const result = await lintSource({
        source: { filePath: '/batch.txt', content: text, contentType: 'text' },
        options: { config }
    });
    const firstAt = new Map();
    return result.messages.flatMap(message => {
        // The value is in the message's data; the reported range is not always the value's own.
        const value = Object.values(message.data ?? {}).find((v) => typeof v === 'string' && v.length >= 8);
        if (!value || placeholderCredential(value))
            return [];
        const at = valueNear(text, value, message.range[0], firstAt);
        if (at < 0)
            return [];
        const kind = message.message
            .split(':')[0]
            ?.replace(/^found /i, '')
            .trim() || message.ruleId;
        return [{ at, kind, value }];
    });
}
/**
 * Where the value of a hit reported at `near` is: secretlint's range starts at its pattern's match,
 * which can begin a little before the value (`AWS_SECRET_ACCESS_KEY = "…`). Only a window around it is
 * searched; failing that, the value's first place in the text, looked up once per value.
 */
function valueNear(text, value, near, firstAt) {
    const from = Math.max(0, near - value.length);
    const window = text.slice(from, near + 2 * value.length + 512);
    scanWork.searched += window.length;
    const local = window.indexOf(value);
    if (local >= 0)
        return from + local;
    let first = firstAt.get(value);
    if (first === undefined) {
        first = text.indexOf(value);
        scanWork.searched += text.length;
        firstAt.set(value, first);
    }
    return first;
}
/** Hits gathered by file and value, each line once. */
class Found {
    byKey = new Map();
    add(hit) {
        const key = `${hit.path}\0${hit.value}`;
        const known = this.byKey.get(key);
        if (!known) {
            this.byKey.set(key, { ...hit, lines: [...hit.lines], seen: new Set(hit.lines) });
            return;
        }
        for (const line of hit.lines) {
            if (known.seen.has(line))
                continue;
            known.seen.add(line);
            known.lines.push(line);
        }
    }
    hits() {
        return [...this.byKey.values()].map(({ seen: _seen, ...hit }) => {
            const lines = hit.lines.sort((a, b) => a - b);
            return { ...hit, line: lines[0] ?? hit.line, lines };
        });
    }
}
/**
 * The EXTRA_RULES' hits in a batch, matched over its joined text at once. A match that runs from one
 * piece into the next (over the separator's blank lines) is none of either: that batch is matched again
 * piece by piece, as whole files were.
 */
function extraBatchHits(joined) {
    const hits = extraHits(joined.text, (at, end) => {
        const placed = joined.place(at);
        if (!placed || placed.index !== joined.pieceAt(Math.max(at, end - 1)))
            return 'crossed';
        return { path: placed.piece.path, file: placed.piece.index, line: placed.line };
    });
    if (hits !== 'crossed')
        return hits;
    return joined.pieces.flatMap(piece => {
        const lines = new LineIndex(piece.text);
        const own = extraHits(piece.text, at => ({
            path: piece.path,
            file: piece.index,
            line: piece.firstLine - 1 + lines.lineAt(at)
        }));
        return own === 'crossed' ? [] : own;
    });
}
/**
 * `http://user:pass@host` in documentation and tests: a password that is a word for itself, or any
 * credential for a host reserved for examples (RFC 2606: example.com, *.test, …; urllib3's tests).
 */
function placeholderCredential(value) {
    const [, password, host] = /:\/\/[^:/@\s]*:([^@\s]*)@([^:/?#\s]*)/.exec(value) ?? [];
    if (password === undefined)
        return false;
    return (/^(?:pass(?:word)?|passwd|pwd|secret|changeme|test|foo|bar|baz|x+|\*+)$/i.test(password) ||
        PLACEHOLDER.test(password) ||
        /(?:^|\.)(?:example\.(?:com|org|net)|[^.]+\.(?:example|test|invalid))$|^(?:example|test|invalid)$/i.test(host ?? ''));
}

;// CONCATENATED MODULE: ./src/analysis/changed-secrets.ts


/** Multi-line secrets (key blocks) span changed and unchanged lines: such files are scanned whole. */
const MULTI_LINE = 'PRIVATE KEY';
/**
 * The secret scan of the files a release adds or changes, in proportion to what changed. A secret is
 * reported when the current file has it and the previous one did not; the rules match within a line,
 * so a secret on an unchanged line was found before and is never reported. A modified text file is
 * therefore first scanned only in the lines its diff adds; only when they hold a secret are both of its
 * sides scanned whole, as every other file is, so what is reported is what a whole scan reports. Of its
 * previous side, the lines its patch shows (removed and context) are scanned, so that the redaction
 * hides every secret the report shows; the lines no patch shows are in no report.
 */
async function changedSecrets(comparison, changed) {
    const { pair } = comparison;
    const current = comparison.current.archive;
    const spans = pair ? spannedFiles(comparison, pair.previous, current) : new Map();
    const addedLines = await findSecrets(changed.flatMap(path => {
        const changes = spans.get(path);
        return changes ? pieces(path, (0,decode_text/* scanText */.Ff)(current.entries.get(path)), changes.added) : [];
    }));
    const withSecrets = new Set(addedLines.map(hit => hit.path));
    const whole = (path) => !spans.has(path) || withSecrets.has(path);
    const now = await findSecrets(textFiles(current, changed.filter(whole)));
    if (!pair)
        return { now, before: [] };
    const before = await findSecrets(pair.files.modified.flatMap(path => {
        const changes = spans.get(path);
        if (whole(path) || !changes)
            return textFiles(pair.previous, [path]);
        return [{ path, text: changes.shownBefore }];
    }));
    return { now, before };
}
/** The modified files whose text diff says where they changed, and whose secrets are all within a line. */
function spannedFiles(comparison, previous, current) {
    const out = new Map();
    for (const [path, changes] of comparison.changedSpans ?? []) {
        const texts = [(0,decode_text/* scanText */.Ff)(previous.entries.get(path)), (0,decode_text/* scanText */.Ff)(current.entries.get(path))];
        if (texts.some(text => text === undefined || text.includes(MULTI_LINE)))
            continue;
        out.set(path, changes);
    }
    return out;
}
function pieces(path, text, spans) {
    if (text === undefined)
        return [];
    return spans.map(({ line, from, to }) => ({ path, text: text.slice(from, to), firstLine: line }));
}
function textFiles(archive, paths) {
    return paths.flatMap(path => {
        const text = (0,decode_text/* scanText */.Ff)(archive.entries.get(path));
        return text === undefined ? [] : [{ path, text }];
    });
}

;// CONCATENATED MODULE: ./src/analysis/index.ts





/**
 * The analysis stage, between compare and judge: the secrets and code behaviours in the files a release
 * adds or changes (every file of a first release).
 */
async function analyse(comparison) {
    const { pair } = comparison;
    const current = comparison.current.archive;
    const changed = pair
        ? [
            ...pair.files.added,
            ...pair.files.modified,
            ...pair.files.typeChanged,
            ...pair.files.renamed.map(r => r.to)
        ].sort()
        : [...current.entries.keys()].filter(path => current.entries.get(path)?.type !== 'dir').sort();
    const loaded = [
        ...takeScanContent(current, changed),
        ...(pair ? takeScanContent(pair.previous, changedBefore(pair)) : [])
    ];
    try {
        return await analyseLoaded(comparison, changed);
    }
    finally {
        dropScanned([current, pair?.previous], loaded);
    }
}
async function analyseLoaded(comparison, changed) {
    const { pair } = comparison;
    const current = comparison.current.archive;
    const added = pair ? [...pair.files.added, ...pair.files.renamed.map(r => r.to)].sort() : changed;
    // One side at a time: secretlint's working copies of a batch are several times its size.
    const scanned = await changedSecrets(comparison, changed);
    const now = [
        ...scanned.now,
        // A token can be a file's name, which no listing need hold (line 0: the name itself).
        ...(await findSecrets(added.map(path => ({ path, text: path })))).map(hit => ({
            ...hit,
            line: 0,
            lines: [0]
        }))
    ];
    const before = scanned.before;
    const code = await analyseCode(current, changed, pair);
    if (pair && code.capabilitiesAdded.length) {
        // Rare: the release adds a kind of behaviour. Did the same import package have it before?
        const had = previousCapabilities(pair.previous);
        code.capabilitiesAdded = code.capabilitiesAdded.filter(f => !had.has(capability(importPackage(f.path), f.behaviour)));
    }
    const known = new Set(before.map(hit => `${hit.path}\0${hit.value}`));
    const found = now.filter(hit => !known.has(`${hit.path}\0${hit.value}`));
    return {
        changed,
        added,
        secrets: found,
        code,
        redact: redactor([...now, ...before].map(hit => hit.value))
    };
}
const capability = (importPackage, behaviour) => `${importPackage}\0${behaviour}`;
/**
 * What each import package of the previous release mentioned (see pythonMentions): a developer's
 * `scripts/` or tests never vouch for the package's own code. Mentioning both network and processes
 * is taken as able to download and run code.
 */
function previousCapabilities(previous) {
    const had = new Set();
    const kinds = new Map();
    const packages = importPackages(previous.entries.keys());
    for (const entry of previous.entries.values()) {
        if (!isPackageCode(entry.path, packages))
            continue;
        const owner = importPackage(entry.path);
        const mentioned = kinds.get(owner) ?? new Set();
        for (const kind of entry.mentions ?? [])
            mentioned.add(kind);
        kinds.set(owner, mentioned);
    }
    for (const [owner, mentioned] of kinds) {
        for (const kind of mentioned)
            had.add(capability(owner, kind));
        if (mentioned.has('network') && mentioned.has('process'))
            had.add(capability(owner, 'download-execute'));
    }
    return had;
}
/** The previous side's copies of what changed: where earlier secrets and behaviours are looked up. */
function changedBefore(pair) {
    return [...pair.files.modified, ...pair.files.typeChanged, ...pair.files.renamed.map(r => r.from)];
}
/**
 * The content checks read every changed file, not only those a diff shows: files past the text cap
 * were kept by the read up to the scan cap (`scanContent`), and are read here as text.
 */
function takeScanContent(sdist, paths) {
    return paths.flatMap(path => {
        const entry = sdist.entries.get(path);
        if (!entry?.scanContent)
            return [];
        entry.content = entry.scanContent;
        delete entry.scanContent;
        return [entry];
    });
}
/** Memory again holds only what a diff can show. */
function dropScanned(sdists, loaded) {
    for (const entry of loaded) {
        delete entry.content;
        delete entry.text;
    }
    for (const sdist of sdists)
        for (const entry of sdist?.entries.values() ?? [])
            delete entry.scanContent;
}

;// CONCATENATED MODULE: ./src/compare/dependencies.ts
/**
 * Pairs requirements by normalised project name (and marker, where a project is required more than once)
 * and compares each pair as sets of allowed versions, so `>=3.6.0` → `>=3.6` is no change and
 * `>=2.0` → `>=2.31,<3` is tightened, not removed and added.
 */
function compareDependencies(previous, current) {
    const changes = [];
    const keys = new Set([...previous.requirements, ...current.requirements].map(r => r.key));
    for (const key of [...keys].sort()) {
        const before = previous.requirements.filter(r => r.key === key);
        const after = current.requirements.filter(r => r.key === key);
        for (const [old, now] of pairByMarker(before, after)) {
            const change = comparePair(old, now);
            if (change)
                changes.push(change);
            else if (previous.requirementsSource !== current.requirementsSource && now) {
                changes.push({
                    kind: 'moved',
                    key,
                    before: old,
                    after: now,
                    from: previous.requirementsSource,
                    to: current.requirementsSource
                });
            }
        }
    }
    return changes;
}
/**
 * The same marker pairs first; then the same requirement under another marker (a split by Python
 * version folded into one line pairs with the line it kept); then what is left, in order.
 */
function pairByMarker(before, after) {
    const pairs = [];
    const left = [...before];
    const right = [...after];
    const sameMarker = (a, b) => markerText(a) === markerText(b);
    const onlyMarkerDiffers = (a, b) => otherDifferences(a, b) === 'environment marker changed' &&
        a.specifier.compare(b.specifier) === 'unchanged';
    for (const alike of [sameMarker, onlyMarkerDiffers]) {
        for (const old of [...left]) {
            const index = right.findIndex(now => alike(old, now));
            if (index < 0)
                continue;
            pairs.push([old, right.splice(index, 1)[0]]);
            left.splice(left.indexOf(old), 1);
        }
    }
    while (left.length && right.length)
        pairs.push([left.shift(), right.shift()]);
    return [
        ...pairs,
        ...left.map((old) => [old, undefined]),
        ...right.map((now) => [undefined, now])
    ];
}
function comparePair(before, after) {
    if (!before && after)
        return { kind: 'added', key: after.key, after };
    if (before && !after)
        return { kind: 'removed', key: before.key, before };
    if (!before || !after)
        return undefined;
    const base = { key: after.key, before, after };
    const other = otherDifferences(before, after);
    if (other)
        return { ...base, kind: 'changed', detail: other };
    switch (before.specifier.compare(after.specifier)) {
        case 'unchanged':
            return undefined;
        case 'narrowed':
            return { ...base, kind: 'tightened' };
        case 'widened':
            return { ...base, kind: 'loosened' };
        case 'shifted':
            return { ...base, kind: 'changed', detail: 'allowed versions moved' };
    }
}
function otherDifferences(before, after) {
    if (before.url !== after.url)
        return 'URL changed';
    if (before.extras.join() !== after.extras.join())
        return 'extras changed';
    if (markerText(before) !== markerText(after))
        return 'environment marker changed';
    return undefined;
}
const markerText = (requirement) => requirement.marker?.key ?? '';

;// CONCATENATED MODULE: ./src/compare/comparison.ts






const NO_FILE_CHANGES = {
    added: [],
    removed: [],
    modified: [],
    renamed: [],
    modeChanged: [],
    typeChanged: [],
    unchanged: 0
};
/** `budget` is the run's, when several pairs share one (see DiffLimits.runWork). */
function compareArchives(read, limits, budget = new DiffBudget(limits.runWork)) {
    const current = readPackageMetadata(read.current);
    const single = {
        archive: read.current,
        metadata: current,
        ...(read.ownSdist && {
            ownSdist: {
                archive: read.ownSdist.archive,
                metadata: readPackageMetadata(read.ownSdist.archive),
                files: read.ownSdist.files,
                ...(read.previous && { previousWheel: read.previous })
            }
        }),
        ...(read.releaseWheels && { releaseWheels: read.releaseWheels }),
        ...(read.provenance && { provenance: read.provenance }),
        ...(read.withoutSdist && { withoutSdist: read.withoutSdist }),
        ...(read.previous === undefined && { newPackage: read.newPackage })
    };
    if (read.previous === undefined)
        return { current: single, diffs: [] };
    const pair = {
        ...comparison_comparePair(alignWheelFolders(read.previous, read.current), read.current, current),
        ...(read.releaseTags && { releaseTags: read.releaseTags })
    };
    const changedSpans = new Map();
    const diffs = [
        ...pair.files.modified
            .filter(path => !comparison_isRecord(path))
            .map(path => diffEntries(entry(pair.previous, path), entry(pair.current, path), limits, budget, changedSpans)),
        ...pair.files.renamed
            .filter(rename => rename.similarity !== undefined)
            .map(({ from, to }) => diffEntries(entry(pair.previous, from), entry(pair.current, to), limits, budget))
    ];
    return { current: single, pair, diffs, changedSpans };
}
/** A wheel's RECORD changes with every file it lists; its diff would repeat the file list. */
const comparison_isRecord = (path) => /\.dist-info\/RECORD$/.test(path);
/** File list, metadata on both sides, dependency delta. */
function comparison_comparePair(previous, current, currentMetadata = readPackageMetadata(current)) {
    const metadata = { previous: readPackageMetadata(previous), current: currentMetadata };
    return {
        previous,
        current,
        files: compareFiles(previous, current),
        metadata,
        dependencies: compareDependencies(metadata.previous, metadata.current)
    };
}
function entry(sdist, path) {
    const found = sdist.entries.get(path);
    if (!found)
        throw new Error(`internal: ${path} missing from ${sdist.file}`);
    return found;
}

;// CONCATENATED MODULE: ./src/judge/sdist-echo.ts
/**
 * A wheel's finding that says what its sdist's report says: the same metadata change (same rule, same
 * message), or the same file event on the same installed path (`src/demo/x.py` in the sdist is
 * `demo/x.py` in the wheel). A reviewer reads each change once, under the sdist; the wheel section keeps
 * what only the wheel shows.
 */
function echoesSdist(sdist) {
    const said = new Set(sdist.findings.map(f => `${f.rule}\0${f.message}`));
    const events = new Set([
        ...sdist.files.added.map(path => `file-added\0${path}`),
        ...sdist.files.removed.map(path => `file-removed\0${path}`),
        ...sdist.files.renamed.map(({ to }) => `file-renamed\0${to}`),
        ...sdist.files.modeChanged.map(path => `file-mode-changed\0${path}`)
    ]);
    return finding => {
        if (said.has(`${finding.rule}\0${finding.message}`))
            return true;
        if (finding.path === undefined)
            return false;
        return sdistPaths(finding.path).some(path => events.has(`${finding.rule}\0${path}`));
    };
}
/** Where a wheel's file may come from in the sdist: the same path, under src/, or (licences) the root. */
function sdistPaths(wheelPath) {
    const licence = /^[^/]+\.dist-info\/(?:licenses\/)?(.+)$/.exec(wheelPath)?.[1];
    return [wheelPath, `src/${wheelPath}`, ...(licence ? [licence] : [])];
}

;// CONCATENATED MODULE: ./src/report/glance.ts


function glanceAt(metadata, sdist, provenance) {
    let files = 0;
    let bytes = 0;
    for (const entry of sdist.entries.values()) {
        if (entry.type === 'dir')
            continue;
        files++;
        bytes += entry.size;
    }
    const license = licenseId(metadata);
    const base = [
        ...new Set(metadata.requirements.filter(r => !r.marker?.extras.length).map(r => r.key))
    ].sort();
    return {
        version: metadata.version,
        ...(metadata.requiresPython && { requiresPython: metadata.requiresPython.text }),
        dependencies: base,
        extraDependencies: [
            ...new Set(metadata.requirements.filter(r => !base.includes(r.key)).map(r => r.key))
        ].sort(),
        extras: metadata.extras,
        ...(license !== undefined && { license }),
        entryPoints: metadata.entryPoints,
        files,
        bytes,
        ...(provenance && !provenance.unavailable && { publishedBy: publishedBy(provenance) })
    };
}
function publishedBy({ publishers }) {
    return publishers.length ? publishers.map(describePublisher).join('; ') : 'not attested';
}

;// CONCATENATED MODULE: ./src/report/build.ts





/**
 * The report of one package: what was compared, the findings, and the risk they add up to. Secrets are
 * still in it: the pipeline redacts the finished report (see redactReport), with its wheels' secrets too.
 */
function buildReport(comparison, findings) {
    const { pair } = comparison;
    return {
        schemaVersion: 1,
        previous: pair ? summarize(pair.previous) : null,
        current: summarize(comparison.current.archive),
        risk: highestRisk(findings.filter(f => !f.accepted).map(f => f.severity)),
        findings,
        glance: {
            previous: pair
                ? glanceAt(pair.metadata.previous, pair.previous, comparison.current.provenance?.previous)
                : null,
            current: glanceAt(comparison.current.metadata, comparison.current.archive, comparison.current.provenance?.current)
        },
        files: pair ? pair.files : NO_FILE_CHANGES,
        diffs: comparison.diffs
    };
}
function summarize(sdist) {
    return { ...readPackageIdentity(sdist), filename: (0,external_node_path_.basename)(sdist.file), sha256: sdist.sha256 };
}

;// CONCATENATED MODULE: ./src/report/redact.ts
/** Fields that hold digests the reader computed, never text from an archive. */
const DIGESTS = new Set(['sha256', 'oldSha256', 'newSha256']);
/**
 * Every text of a report passed through `redact`: messages, diffs and notes, and every path too (a
 * token can be a file's name, which RECORD or SOURCES.txt lists), so a secret found anywhere in the
 * release is in no output. Done once, on the finished report, so that no renderer can miss a field.
 */
function redactReport(report, redact) {
    return redactValue(report, redact);
}
function redactValue(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map(item => redactValue(item, redact));
    if (value === null || typeof value !== 'object')
        return value;
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [
        key,
        DIGESTS.has(key) ? field : redactValue(field, redact)
    ]));
}
/** One redaction for texts that several comparisons' secrets apply to (an sdist and its wheels). */
function allRedactions(redactions) {
    return text => redactions.reduce((out, redact) => redact(out), text);
}

;// CONCATENATED MODULE: ./src/compare/source.ts


const source_EGG_INFO = /^(?:[^/]+\/)?[^/]+\.egg-info\//;
const BUILD_ROOTS = ['pyproject.toml', 'setup.py', 'setup.cfg'];
/**
 * Compares an sdist read with `gitBlobIds` with a commit's tree. Files a build backend writes (PKG-INFO,
 * egg-info, the setup.cfg setuptools rewrites, poetry's generated setup.py, a VCS plugin's version
 * file) are never reported. Hand-written: no library relates sdist members to a repository's files.
 */
function compareWithSource(sdist, metadata, tree, previous) {
    const folder = packageFolder(sdist, tree);
    // Not one of its files is tracked there: this sdist does not come from this repository.
    if (folder === undefined)
        return undefined;
    const generated = generatedBy(metadata);
    const notInSource = [];
    const differs = [];
    for (const entry of sdist.entries.values()) {
        if (entry.type === 'dir' || generated(entry.path))
            continue;
        const tracked = trackedAt(tree, folder + entry.path);
        if (!tracked)
            notInSource.push(entry.path);
        else if (entry.type === 'file' && tracked.kind === 'file' && entry.gitBlob !== tracked.blob)
            differs.push(entry.path);
    }
    return {
        against: `${tree.name === 'HEAD' ? 'HEAD' : `tag ${tree.name}`} (${tree.commit.slice(0, 7)})`,
        folder,
        notInSource: notInSource.sort(),
        missing: missingFromSdist(sdist, tree, folder, previous),
        differs: differs.sort()
    };
}
/**
 * The folder whose tracked files the sdist matches best, among those holding a pyproject.toml,
 * setup.py or setup.cfg (a monorepo has several); undefined when no folder holds any of its files
 * byte for byte.
 */
function packageFolder(sdist, tree) {
    const candidates = new Set(['']);
    for (const path of tree.files.keys()) {
        if (BUILD_ROOTS.includes(external_node_path_.posix.basename(path))) {
            const dir = external_node_path_.posix.dirname(path);
            candidates.add(dir === '.' ? '' : `${dir}/`);
        }
    }
    let best = { folder: '', score: 0 };
    for (const folder of candidates) {
        let score = 0;
        for (const entry of sdist.entries.values()) {
            const tracked = tree.files.get(folder + entry.path);
            if (tracked && entry.type !== 'dir')
                score += tracked.blob === entry.gitBlob ? 2 : 1;
        }
        if (score > best.score)
            best = { folder, score };
    }
    // A match by path alone (a README.md both happen to have) does not make the sdist this folder's.
    const identical = [...sdist.entries.values()].some(entry => entry.gitBlob !== undefined &&
        tree.files.get(best.folder + entry.path)?.blob === entry.gitBlob);
    return identical ? best.folder : undefined;
}
function generatedBy(metadata) {
    const backend = effectiveBackend(metadata.buildSystem);
    const written = new Set(['PKG-INFO', ...metadata.versionFiles]);
    // pdm writes `write_to` relative to the package folder, which is often under src/.
    for (const file of metadata.versionFiles)
        written.add(`src/${file}`);
    if (backend.startsWith('setuptools'))
        written.add('setup.cfg');
    if (backend.startsWith('poetry'))
        written.add('setup.py');
    return path => written.has(path) || source_EGG_INFO.test(path);
}
/**
 * The tracked file at `path`, following committed symlinks to folders on the way (a backend that copies
 * `tests/certs/client/ca/x.pem` through the link `ca → ../../expired/ca/` ships what git holds at the
 * link's target).
 */
function trackedAt(tree, path, depth = 0) {
    const direct = tree.files.get(path);
    if (direct || depth > 8)
        return direct;
    // The deepest committed link the path passes through; each link is one prefix test, so the work stays
    // linear in the path's length (trying every prefix of a deep path would not).
    let deepest;
    for (const [at, target] of folderLinks(tree))
        if (path.startsWith(`${at}/`) && at.length > (deepest?.at.length ?? -1))
            deepest = { at, target };
    if (!deepest)
        return undefined;
    const through = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(deepest.at), deepest.target, path.slice(deepest.at.length + 1)));
    return through.startsWith('../') ? undefined : trackedAt(tree, through, depth + 1);
}
const source_linksOf = new WeakMap();
/** The tree's committed symlinks with their targets, listed once per tree. */
function folderLinks(tree) {
    let links = source_linksOf.get(tree);
    if (!links) {
        links = [...tree.files]
            .filter(([, file]) => file.kind === 'symlink' && file.target !== undefined)
            .map(([at, file]) => [at, file.target ?? '']);
        source_linksOf.set(tree, links);
    }
    return links;
}
/** Folders at the root or under src/ that hold an `__init__.py`: what `import name` loads. */
function importFolders(sdist) {
    const folders = [];
    for (const path of sdist.entries.keys()) {
        const match = /^((?:src\/)?[^/]+\/)__init__\.py$/.exec(path);
        if (match?.[1])
            folders.push(match[1]);
    }
    return folders;
}
function missingFromSdist(sdist, tree, folder, previous) {
    const missing = [];
    for (const inner of importFolders(sdist)) {
        const prefix = folder + inner;
        for (const [path, tracked] of tree.files) {
            if (tracked.kind === 'submodule' || !path.startsWith(prefix))
                continue;
            const relative = path.slice(folder.length);
            if (sdist.entries.has(relative))
                continue;
            missing.push({ path: relative, shippedBefore: previous?.entries.has(relative) ?? false });
        }
    }
    return missing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

;// CONCATENATED MODULE: ./src/packaging/release-tag.ts


/**
 * Reads `v1.2.3`, `1.2.3`, `name-1.2.3` and `name-v1.2.3` (also `refs/tags/…`); undefined for a tag that
 * names no PEP 440 version.
 */
function parseReleaseTag(ref) {
    const tag = ref.replace(/^refs\/tags\//, '');
    const bare = /^v?(\d.*)$/i.exec(tag)?.[1];
    if (bare !== undefined && isValidVersion(bare))
        return { tag, version: normalizeVersion(bare) };
    const named = /^(.+?)[-_@/]v?(\d[^-_@/]*)$/i.exec(tag);
    if (!named?.[1] || !named[2] || !isValidVersion(named[2]))
        return undefined;
    return { tag, version: normalizeVersion(named[2]), name: normalizeName(named[1]) };
}
/**
 * The tag that speaks for package `name`: one naming it, or a bare version tag when the release has a
 * single package (in a monorepo a bare tag cannot say which package it is for).
 */
function tagFor(tags, name, packagesInRelease) {
    const key = normalizeName(name);
    return (tags.find(t => t.name === key) ??
        (packagesInRelease === 1 ? tags.find(t => !t.name) : undefined));
}
/** The tag of an earlier release of `name` at `version`, among the repository's tags. */
function tagOfVersion(tags, name, version) {
    const key = normalizeName(name);
    const matching = tags.filter(t => compareVersions(t.version, version) === 0 && (t.name === undefined || t.name === key));
    return matching.find(t => t.name === key) ?? matching[0];
}

;// CONCATENATED MODULE: ./src/pipeline/source-check.ts




const SOURCE_CHECK_MODES = ['auto', 'true', 'false'];
/**
 * Whether and how to check the source: `auto` is on when the working directory is in a git work tree and
 * the current sdists are built there or given from inside it; `true` insists (an error outside git).
 */
async function resolveSourceCheck(request) {
    if (request.mode === 'false')
        return undefined;
    const directory = (0,external_node_path_.resolve)(request.workingDirectory);
    const root = await workTreeRoot(directory);
    if (!root) {
        if (request.mode === 'auto')
            return undefined;
        throw new Error(`source-check is true but ${directory} is not inside a git work tree: check out the repository, or set source-check to auto`);
    }
    const fromHere = request.current.every(path => inside(directory, (0,external_node_path_.resolve)(directory, path)));
    if (request.mode === 'auto' && !fromHere)
        return undefined;
    const pushed = request.ref?.startsWith('refs/tags/') ? [request.ref.slice(10)] : undefined;
    return {
        root,
        tags: pushed ?? (await tagsAtHead(root)),
        previousFromGit: request.previous?.startsWith('git:') ?? false,
        log: request.log
    };
}
function inside(directory, path) {
    const rel = (0,external_node_path_.relative)(directory, path);
    return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel));
}
/** One run's view of the repository, read once and shared by every package. */
class SourceContext {
    check;
    packages;
    trees = new Map();
    repositoryTags;
    releaseTags;
    constructor(check, packages) {
        this.check = check;
        this.packages = packages;
        this.releaseTags = check.tags.map(parseReleaseTag).filter(t => t !== undefined);
    }
    static async open(check, packages) {
        if (await isShallow(check.root).catch(() => false)) {
            check.log('The checkout is shallow: the previous release cannot be compared with its tag. Check out with fetch-depth: 0 to fetch the tags.');
        }
        return new SourceContext(check, packages);
    }
    tree(rev) {
        let tree = this.trees.get(rev);
        if (!tree) {
            tree = readGitTree(this.check.root, rev);
            this.trees.set(rev, tree);
        }
        return tree;
    }
    tagFor(name) {
        return tagFor(this.releaseTags, name, this.packages);
    }
    async tagOfVersion(name, version) {
        this.repositoryTags ??= listTags(this.check.root).then(tags => tags.map(parseReleaseTag).filter(t => t !== undefined));
        return tagOfVersion(await this.repositoryTags, name, version);
    }
}
/**
 * Compares the current sdist with HEAD and names the release tag that applies; compares a previous
 * release from the index or a file with the tree of its version's tag when there is one.
 */
async function checkSource(comparison, read, context) {
    const { current, pair } = comparison;
    const head = await context.tree('HEAD');
    const source = compareWithSource(read.current, current.metadata, head, read.previous);
    if (!source) {
        context.check.log(`${current.metadata.name} ${current.metadata.version}: none of its files is tracked in this repository, so it was not compared with the source.`);
        return comparison;
    }
    const tag = context.tagFor(current.metadata.name);
    const checked = {
        ...comparison,
        current: { ...current, source, ...(tag && { tag }) }
    };
    if (!pair || context.check.previousFromGit)
        return checked;
    const { name, version } = pair.metadata.previous;
    const previousTag = await context.tagOfVersion(name, version);
    if (!previousTag) {
        context.check.log(`No tag for ${name} ${version} in the repository: the previous release was not compared with its source.`);
        return checked;
    }
    const atTag = await context.tree(previousTag.tag);
    const previousAtTag = compareWithSource(pair.previous, pair.metadata.previous, atTag);
    return previousAtTag ? { ...checked, pair: { ...pair, previousAtTag } } : checked;
}

// EXTERNAL MODULE: ./src/util/temp-folders.ts
var temp_folders = __nccwpck_require__(3996);
;// CONCATENATED MODULE: ./src/pipeline/index.ts






















const DEFAULT_STAGE_OPTIONS = {
    readLimits: DEFAULT_READ_LIMITS,
    diffLimits: DEFAULT_DIFF_LIMITS,
    judge: DEFAULT_JUDGE_CONFIG,
    retry: DEFAULT_RETRY,
    concurrency: 4
};
async function runPipeline(sources, stageOptions = DEFAULT_STAGE_OPTIONS, effects = {}) {
    const options = {
        ...stageOptions,
        diffBudget: stageOptions.diffBudget ?? new DiffBudget(stageOptions.diffLimits.runWork)
    };
    const workdir = await (0,temp_folders/* makeTempFolder */.Pd)('sdist-diff-run-');
    try {
        const plans = await resolve(sources, options, effects, workdir);
        const limit = pLimit(options.concurrency);
        const source = options.source && (await SourceContext.open(options.source, plans.length));
        const packages = await Promise.all(plans.map(plan => limit(() => comparePackage(plan, options, source))));
        return { schemaVersion: 1, risk: highestRisk(packages.map(p => p.risk)), packages };
    }
    finally {
        await (0,temp_folders/* removeTempFolder */.Vt)(workdir);
    }
}
function resolve(sources, options, effects, workdir) {
    if (sources.kind === 'pair')
        return [{ previous: sources.previous, current: sources.current }];
    if (sources.kind === 'published')
        return planPublished(sources, options, effects, workdir);
    return resolvePackages(sources, options, effects, workdir);
}
/** read → compare → analyse → judge → report for one package. */
async function comparePackage(plan, options, source) {
    const readLimits = source ? { ...options.readLimits, gitBlobIds: true } : options.readLimits;
    const releaseTags = plan.currentWheelTags ??
        (plan.wheels ?? []).flatMap(wheel => (0,wheel_tags/* tagsFromFilename */.lM)((0,external_node_path_.basename)(wheel.current)));
    const read = {
        ...(await readPlan(plan, readLimits)),
        ...(plan.provenance && { provenance: plan.provenance }),
        ...(plan.previousWheelTags && {
            releaseWheels: { previous: plan.previousWheelTags, current: [...new Set(releaseTags)].sort() }
        }),
        ...(plan.withoutSdist && { withoutSdist: plan.withoutSdist, releaseTags })
    };
    checkNamedIdentities(plan, read);
    const compared = compareArchives(read, options.diffLimits, options.diffBudget);
    const comparison = source ? await checkSource(compared, read, source) : compared;
    const analysis = await analyse(comparison);
    const report = buildReport(comparison, judge(comparison, analysis, options.judge));
    if (!plan.wheels?.length)
        return redactReport(report, analysis.redact);
    const wheels = [];
    const redactions = [analysis.redact];
    // A release without an sdist has its first wheel in the sdist's place: the others are checked against no sdist.
    const beside = { ...(!plan.withoutSdist && { read: read.current }), report };
    for (const wheel of plan.wheels) {
        const compared = await compareWheel(wheel, beside, releaseTags, options);
        wheels.push(compared.report);
        redactions.push(compared.redact);
    }
    // A secret any of them holds (a token in a file name is in the sdist's and the wheel's file lists) is
    // redacted from all of them.
    return redactReport(withWheels(report, wheels), allRedactions(redactions));
}
/**
 * read → compare → analyse → judge for one wheel, with the sdist of its release beside it (or, for a
 * release without one, the report of its first wheel, which the others need not repeat).
 */
async function compareWheel(plan, sdist, releaseTags, options) {
    const read = {
        ...(await readPlan(plan, options.readLimits)),
        ...(sdist.read && { ownSdist: { archive: sdist.read, files: sdist.report.files } }),
        releaseTags
    };
    if (!read.current.wheel)
        throw new types/* ArchiveError */.d(plan.current, 'is named like a wheel but is not a zip archive');
    const comparison = compareArchives(read, options.diffLimits, options.diffBudget);
    const analysis = await analyse(comparison);
    const findings = judge(comparison, analysis, options.judge, {
        reportedElsewhere: echoesSdist(sdist.report)
    });
    return { report: buildReport(comparison, findings), redact: analysis.redact };
}
function withWheels(report, wheels) {
    return { ...report, risk: highestRisk([report.risk, ...wheels.map(w => w.risk)]), wheels };
}
/**
 * A release paired by PEP 625 file names is checked against what the read found: a file whose name and
 * PKG-INFO disagree could have been paired with the wrong previous release.
 */
function checkNamedIdentities(plan, read) {
    const sides = [
        [plan.named?.current, read.current],
        [plan.named?.previous, read.previous]
    ];
    for (const [named, sdist] of sides) {
        if (!named || !sdist)
            continue;
        const { name, version } = readPackageIdentity(sdist);
        if (normalizeName(name) === normalizeName(named.name) &&
            compareVersions(version, named.version) === 0)
            continue;
        throw new types/* ArchiveError */.d(named.file, `the file name says ${named.name} ${named.version} but PKG-INFO says ${name} ${version}: rebuild the sdist, or rename it to match its metadata (PEP 625)`);
    }
}
/** Both sides are read together, so that only the content a diff needs stays in memory. */
async function readPlan(plan, limits) {
    if (plan.previous === undefined)
        return { current: await readArchive(plan.current, limits), newPackage: plan.newPackage };
    const [previous, current] = await readArchivePair(plan.previous, plan.current, limits);
    if (Boolean(previous.wheel) !== Boolean(current.wheel)) {
        const [wheel, sdist] = previous.wheel ? [previous, current] : [current, previous];
        throw new types/* ArchiveError */.d(wheel.file, `is a wheel and ${sdist.file} an sdist: compare a wheel with a wheel and an sdist with an sdist (a release's wheels are checked against its sdist in the release form)`);
    }
    return { previous, current };
}
/** The two-file form: one package, no acquisition. */
function diffArchives(previous, current, options = DEFAULT_STAGE_OPTIONS) {
    return comparePackage({ previous, current }, options);
}

;// CONCATENATED MODULE: ./src/pipeline/published-release.ts

/**
 * A published release judged as the release form judges it: `NAME==OLD NAME==NEW` (or NEW and the
 * release before it, or NEW `alone` as a first release), both sides' files from the index.
 */
function judgePublishedRelease(request, judge, options, effects) {
    return runPipeline({ kind: 'published', ...request }, { ...DEFAULT_STAGE_OPTIONS, ...options, judge }, effects);
}

;// CONCATENATED MODULE: ./src/pipeline/run-dependencies.ts









/** config → both sides' pins → each changed pin judged on the index → decide. */
async function runDependencyReview(request, effects) {
    const judge = forDependencies(await loadConfig(request.config.path, request.config.explicit));
    const [base, head] = await Promise.all([
        projectAtCommit(request.workingDirectory, request.baseRef),
        projectOnDisk(request.workingDirectory)
    ]);
    const listings = new Map();
    const report = await reviewDependencies({
        base,
        head,
        ...(request.globs?.length && { globs: request.globs }),
        judge,
        concurrency: request.options.concurrency,
        indexUrl: request.indexUrl
    }, {
        log: effects.log,
        listFiles: name => {
            const key = normalizeName(name);
            if (!listings.has(key))
                listings.set(key, listProjectFiles(request.indexUrl, name, request.options.retry, effects.fetch));
            return listings.get(key);
        },
        judgeRelease: async (name, previous, current, listed) => (await judgePublishedRelease({
            name,
            current,
            indexUrl: request.indexUrl,
            listed,
            ...(previous ? { previous } : { alone: true })
        }, judge, request.options, effects)).packages
    });
    return {
        report,
        // Expected file-list changes are about the project's own release, not its dependencies'.
        decision: decide(report, {
            ...request.policy,
            expectedFileChanges: '',
            failOnUnexpectedFiles: false
        }),
        stale: staleAcceptances(runFindings(report), judge.accept ?? [])
    };
}
/**
 * A publishing rule has no meaning for someone else's release: a downgrade is the pull request's choice,
 * not a re-upload PyPI would refuse. A config that sets the rule keeps its say.
 */
function forDependencies(judge) {
    return { ...judge, rules: { 'version-not-increased': 'off', ...judge.rules } };
}

;// CONCATENATED MODULE: ./src/render/escape.ts
// Untrusted text (file names, metadata values, diff bodies) is escaped for the context it lands in, so
// it cannot break the Markdown, inject HTML, close a code fence or @-mention anyone.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const escapeControl = (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`;
/** Control and bidi-override characters shown as visible `\u{…}` escapes; line breaks kept. */
function visibleControls(text) {
    return text.replace(CONTROL, escapeControl);
}
/**
 * For one-line contexts (a line of the text report, a table cell, an annotation, a log line): line
 * breaks and tabs are shown as escapes too, so a file name cannot start a line of its own.
 */
function escape_oneLine(text) {
    return text.replace(CONTROL_OR_BREAK, escapeControl);
}
/**
 * For a line of the Actions log: one line, and no workflow command in it. The runner takes a line that
 * starts with `::` as a command, and `##[command]` anywhere in a line (its older syntax): a package name
 * from a pull request's lockfile could otherwise `add-mask` or `set-output` from a log line.
 */
function logLine(text) {
    const line = escape_oneLine(text);
    const bounded = line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE - 1)}…` : line;
    return bounded.replace(/##\[/g, '#\u200b#[').replace(/^(\s*):(?=:)/, '$1:\u200b');
}
/** A log line longer than this (a name of a hostile lockfile) is cut: nobody reads further. */
const MAX_LOG_LINE = 1000;
/**
 * A zero-width space after `@` stops GitHub from turning `@name` into a mention or team ping; one inside
 * `://` and after `www` stops every autolink (dotted or not, IPs, `https://134744072/`, `www.`).
 */
function defuseMentions(text) {
    return text
        .replace(/@/g, '@\u200b')
        .replace(/:\/\//g, ':\u200b//')
        .replace(/\b(www)(\\?\.)/gi, '$1\u200b$2');
}
/** Plain prose in Markdown (and in table cells): one line, no HTML, no Markdown syntax. */
function markdownText(text) {
    return defuseMentions(escape_oneLine(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]()#+\-.!|~]/g, c => `\\${c}`));
}
function longestBacktickRun(body, atLeast) {
    let longest = atLeast;
    for (const run of body.matchAll(/`+/g))
        longest = Math.max(longest, run[0].length);
    return longest;
}
/** An inline code span that holds any text, safe inside a table cell too. */
function codeSpan(text) {
    const body = escape_oneLine(text).replace(/\|/g, '\\|');
    const longestRun = longestBacktickRun(body, 0);
    const fence = '`'.repeat(longestRun + 1);
    const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
    return `${fence}${pad}${body}${pad}${fence}`;
}
/** A fenced block whose fence is longer than any backtick run in the body, so the body cannot close it. */
function codeFence(body, language = '') {
    const longestRun = longestBacktickRun(body, 2);
    const fence = '`'.repeat(longestRun + 1);
    return `${fence}${language}\n${visibleControls(body)}\n${fence}`;
}
/** Text inside raw HTML such as `<summary>`. */
function htmlText(text) {
    return defuseMentions(escape_oneLine(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/[`*_[\]\\|]/g, c => `&#${c.charCodeAt(0)};`));
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./src/acquire/folder-cache.ts




const SHA256 = /^[0-9a-f]{64}$/;
/**
 * Downloads kept between runs in a folder of their own (the CLI's per-user cache): `<folder>/<sha256>/<file
 * name>`. A file is copied to a temporary name beside its place and renamed into it, so that no run ever
 * reads half of one; the download stage checks a cached file's SHA-256 before it reuses it. A cache that
 * cannot be written is no error: the run goes on with its download.
 */
function folderCache(folder, warn) {
    const place = (sha256, filename) => SHA256.test(sha256) ? (0,external_node_path_.join)(folder, sha256, safeFilename(filename)) : undefined;
    return {
        async find(sha256, filename) {
            const path = place(sha256, filename);
            if (!path)
                return undefined;
            return (0,promises_.access)(path).then(() => path, () => undefined);
        },
        async store(path, filename, sha256) {
            const target = place(sha256, filename);
            if (!target)
                return path;
            const temp = (0,external_node_path_.join)(folder, sha256, `.${(0,external_node_crypto_.randomBytes)(8).toString('hex')}.part`);
            try {
                await (0,promises_.mkdir)((0,external_node_path_.join)(folder, sha256), { recursive: true });
                await (0,promises_.copyFile)(path, temp);
                await (0,promises_.rename)(temp, target);
                return target;
            }
            catch (error) {
                await (0,promises_.rm)(temp, { force: true }).catch(() => undefined);
                warn?.(`the download cache ${folder} could not keep ${filename}: ${error.message}`);
                return path;
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/cli/cache.ts



/**
 * The folder downloads from the index are kept in between runs, keyed by SHA-256: --cache-dir, else
 * SDIST_DIFF_CACHE_DIR, else `sdist-diff` under XDG_CACHE_HOME (~/.cache when unset or relative, as the
 * XDG spec says; %LOCALAPPDATA% on Windows). None with --no-cache or SDIST_DIFF_NO_CACHE set.
 */
function cacheFolder(choice, env) {
    if (choice.noCache || isSet(env.SDIST_DIFF_NO_CACHE))
        return undefined;
    if (choice.cacheDir)
        return (0,external_node_path_.resolve)(choice.cacheDir);
    if (env.SDIST_DIFF_CACHE_DIR)
        return (0,external_node_path_.resolve)(env.SDIST_DIFF_CACHE_DIR);
    const xdg = env.XDG_CACHE_HOME;
    if (xdg && (0,external_node_path_.isAbsolute)(xdg))
        return (0,external_node_path_.join)(xdg, 'sdist-diff');
    if (process.platform === 'win32' && env.LOCALAPPDATA)
        return (0,external_node_path_.join)(env.LOCALAPPDATA, 'sdist-diff', 'cache');
    return (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache', 'sdist-diff');
}
function cliCache(choice, env, warn) {
    const folder = cacheFolder(choice, env);
    return folder ? folderCache(folder, warn) : undefined;
}
const isSet = (value) => value !== undefined && !['', '0', 'false', 'no'].includes(value.toLowerCase());

;// CONCATENATED MODULE: ./src/cli/dependencies.ts








/** `sdist-diff --dependencies REF`: the pins at REF against the working tree's, progress on stderr. */
function dependencies_compareDependencies(options, ref, io, readLimits) {
    const proxied = proxiedFetch(proxySettingsFromEnv(process.env));
    const log = (message) => io.stderr(`${logLine(message)}\n`);
    const cache = cliCache(options, process.env, message => log(`warning: ${message}`));
    return runDependencyReview({
        workingDirectory: options.workingDirectory ?? '.',
        baseRef: ref,
        globs: options.dependencyFiles ?? [],
        indexUrl: options.indexUrl ?? DEFAULT_INDEX_URL,
        config: {
            path: options.config ?? DEFAULT_CONFIG_PATH,
            explicit: options.config !== undefined
        },
        policy: { ...CLI_POLICY, failOn: options.failOn },
        options: { readLimits, retry: retryPolicyFromEnv(process.env), concurrency: 4 }
    }, { log, notice: log, ...(proxied && { fetch: proxied }), ...(cache && { cache }) });
}

;// CONCATENATED MODULE: ./src/pipeline/run-release.ts






/** inputs → config → source check → pipeline → decide: what both the Action and the CLI run. */
async function runRelease(request, effects) {
    const judge = await loadConfig(request.config.path, request.config.explicit);
    const source = request.sources.kind === 'release' && request.sourceCheck
        ? await resolveSourceCheck({ ...request.sourceCheck, log: effects.notice ?? effects.log })
        : undefined;
    const report = await runPipeline(request.sources, { ...DEFAULT_STAGE_OPTIONS, ...request.options, judge, ...(source && { source }) }, effects);
    return {
        report,
        decision: decide(report, request.policy),
        stale: staleAcceptances(report.packages.flatMap(packageFindings), judge.accept ?? [])
    };
}

;// CONCATENATED MODULE: ./src/render/json.ts
/** The JSON form of a report or of a whole run, as the CLI prints it and the Action writes it. */
function renderJson(report) {
    return JSON.stringify(report, null, 2) + '\n';
}

;// CONCATENATED MODULE: ./src/render/glance-table.ts

/** Names listed in a cell before "…". */
const glance_table_NAMES_SHOWN = 5;
const ROWS = [
    { label: 'Version', cell: g => codeSpan(g.version) },
    { label: 'Requires-Python', cell: g => (g.requiresPython ? codeSpan(g.requiresPython) : 'any') },
    {
        label: 'Dependencies',
        cell: g => String(g.dependencies.length),
        delta: (p, c) => setDelta(p.dependencies, c.dependencies)
    },
    { label: 'Extras', cell: g => names(g.extras), delta: (p, c) => setDelta(p.extras, c.extras) },
    {
        label: "Extras' dependencies",
        cell: g => String(g.extraDependencies?.length ?? 0),
        delta: (p, c) => setDelta(p.extraDependencies ?? [], c.extraDependencies ?? []),
        shown: g => Boolean(g.extraDependencies?.length)
    },
    { label: 'Licence', cell: g => (g.license ? codeSpan(g.license) : 'none') },
    {
        label: 'Entry points',
        cell: g => String(g.entryPoints.length),
        delta: (p, c) => setDelta(p.entryPoints, c.entryPoints)
    },
    { label: 'Files', cell: g => `${g.files} (${formatBytes(g.bytes)})` },
    {
        label: 'Published by',
        cell: g => markdownText(g.publishedBy ?? 'not from the index'),
        // A side built here has no publisher yet: that is no change.
        delta: (p, c) => p.publishedBy && c.publishedBy && p.publishedBy !== c.publishedBy ? 'changed' : '',
        shown: g => g.publishedBy !== undefined
    }
];
/** The before/after table under the verdict; a changed cell is bold and marked ✏️. */
function glanceTable(report) {
    const glance = report.glance;
    if (!glance)
        return '';
    const { previous, current } = glance;
    if (!previous) {
        return [
            `| | ${codeSpan(report.current.version)} |`,
            '|---|---|',
            ...rowsFor([current]).map(row => `| ${row.label} | ${row.cell(current)} |`)
        ].join('\n');
    }
    return [
        '| | before | after |',
        '|---|---|---|',
        ...rowsFor([previous, current]).map(row => {
            const [was, is] = [row.cell(previous), row.cell(current)];
            const delta = row.delta?.(previous, current) ?? (was === is ? '' : 'changed');
            if (!delta)
                return `| ${row.label} | ${was} | ${is} |`;
            const note = delta === 'changed' ? '' : ` (${delta})`;
            return `| ${row.label} | ${was} | **${is}**${note} ✏️ |`;
        })
    ].join('\n');
}
function rowsFor(sides) {
    return ROWS.filter(row => !row.shown || sides.some(row.shown));
}
/** "+2 −1" when the set changed, "" when it did not. */
function setDelta(before, after) {
    const [was, is] = [new Set(before), new Set(after)];
    const added = after.filter(x => !was.has(x)).length;
    const removed = before.filter(x => !is.has(x)).length;
    return added || removed ? `+${added} −${removed}` : '';
}
function names(values) {
    if (!values.length)
        return 'none';
    const shown = values.slice(0, glance_table_NAMES_SHOWN).map(v => markdownText(v));
    const more = values.length > glance_table_NAMES_SHOWN ? `, … ${values.length - glance_table_NAMES_SHOWN} more` : '';
    return `${values.length}: ${shown.join(', ')}${more}`;
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./src/render/labels.ts



const RISK_ICON = {
    none: '🟢',
    info: '🔵',
    low: '🟡',
    medium: '🟠',
    high: '🔴'
};

/** "3 findings (1 high, 2 info)" */
function findingCounts(report) {
    return countsLabel(countFindings(report.findings));
}
function countsLabel({ open, accepted, bySeverity }) {
    const parts = [...SEVERITIES]
        .reverse()
        .filter(s => bySeverity[s])
        .map(s => `${bySeverity[s]} ${s}`);
    return (plural(open, 'finding') +
        (parts.length ? ` (${parts.join(', ')})` : '') +
        (accepted ? `, ${accepted} accepted` : ''));
}
/** "0 added, 0 removed, 4 modified, 15 unchanged" (zero counts of rarer changes left out). */
function fileCounts(report) {
    const { files } = report;
    const parts = [
        `${files.added.length} added`,
        `${files.removed.length} removed`,
        `${files.modified.length} modified`
    ];
    if (files.renamed.length)
        parts.push(`${files.renamed.length} renamed`);
    if (files.modeChanged.length)
        parts.push(`${files.modeChanged.length} mode changed`);
    if (files.typeChanged.length)
        parts.push(`${files.typeChanged.length} type changed`);
    parts.push(`${files.unchanged} unchanged`);
    return parts.join(', ');
}
/** Every changed file as one row, in the order a reviewer reads them. */
function fileRows(report) {
    const { files } = report;
    return [
        ...files.added.map(path => ({ kind: 'added', path })),
        ...files.removed.map(path => ({ kind: 'removed', path })),
        ...files.renamed.map(r => ({
            kind: 'renamed',
            path: r.to,
            from: r.from,
            ...(r.similarity !== undefined && { similarity: r.similarity })
        })),
        ...files.modified.map(path => ({ kind: 'modified', path })),
        ...files.modeChanged.map(path => ({ kind: 'mode', path })),
        ...files.typeChanged.map(path => ({ kind: 'type', path }))
    ];
}
/** A wheel's report (a release's wheel under its sdist, or a wheel pair) is named by its file. */
function isWheelReport(current) {
    return current.filename.endsWith('.whl');
}
const SUMMARISED_NAMED = 20;
/**
 * The sentence naming the files whose diffs the run's budget left out, or undefined when none was;
 * `name` writes one path for the format.
 */
function summarisedLine(diffs, name) {
    const paths = diffs.filter(diff => diff.summarised).map(diff => diff.path);
    if (paths.length === 0)
        return undefined;
    const named = paths.slice(0, SUMMARISED_NAMED).map(name).join(', ');
    const more = paths.length > SUMMARISED_NAMED ? ` and ${paths.length - SUMMARISED_NAMED} more` : '';
    const files = paths.length === 1 ? '1 file' : `${paths.length} files`;
    return `${files} summarised, not diffed (the run’s diff budget was spent): ${named}${more}`;
}

;// CONCATENATED MODULE: ./src/render/markdown.ts



/** File rows shown before the rest fold into a `<details>`, so the diffs are not pushed out of view. */
const FILE_ROWS_SHOWN = 10;
const FULL_DETAIL = {
    diffRoom: Infinity,
    fileRows: Infinity,
    findings: Infinity,
    fullReportHint: ''
};
const lengthOf = (text) => text.length;
function renderMarkdown(report, detail = { ...FULL_DETAIL }) {
    return [markdown_verdict(report), body(report, detail), wheelsSection(report.wheels ?? [], detail)]
        .filter(section => section !== '')
        .join('\n\n')
        .concat('\n');
}
/** Everything under a verdict: the glance table, findings, accepted changes, files and diffs. */
function body(report, detail) {
    return [
        glanceTable(report),
        findingsSection(report.findings.filter(f => !f.accepted), detail),
        acceptedSection(report.findings.filter(f => f.accepted)),
        filesSection(report, detail),
        diffsSection(report.diffs, detail)
    ]
        .filter(section => section !== '')
        .join('\n\n');
}
/** The release's wheels under their sdist, each folded behind its verdict. */
function wheelsSection(wheels, detail) {
    if (!wheels.length)
        return '';
    const folded = wheels.map(wheel => {
        const summary = `${RISK_ICON[wheel.risk]} risk <b>${wheel.risk}</b> — ${htmlTitle(wheel)} · ${htmlText(findingCounts(wheel))}`;
        return details(summary, body(wheel, detail), true);
    });
    return [`#### Wheels (${wheels.length})`, '', ...folded].join('\n');
}
function htmlTitle({ previous, current }) {
    const code = (text) => `<code>${htmlText(text)}</code>`;
    return previous
        ? `${code(current.filename)} vs ${code(previous.filename)}`
        : `${code(current.filename)}`;
}
function markdown_verdict(report) {
    return [
        `### ${RISK_ICON[report.risk]} sdist-diff: risk **${report.risk}** — ${markdownTitle(report)}`,
        '',
        `${findingCounts(report)} · files: ${fileCounts(report)}`
    ].join('\n');
}
/** "`demo` `1.0` → `1.1`", or "`demo` `1.0` (new package)". */
function markdownTitle({ previous, current }) {
    if (isWheelReport(current))
        return previous
            ? `${codeSpan(current.filename)} vs ${codeSpan(previous.filename)}`
            : codeSpan(current.filename);
    if (!previous)
        return `${codeSpan(current.name)} ${codeSpan(current.version)} (new package)`;
    const name = previous.name === current.name
        ? codeSpan(current.name)
        : `${codeSpan(previous.name)} → ${codeSpan(current.name)}`;
    return `${name} ${codeSpan(previous.version)} → ${codeSpan(current.version)}`;
}
function leftOut(count, what, detail) {
    const where = detail.fullReportHint ? ` ${detail.fullReportHint}` : '';
    return `_${count} ${what} left out to fit GitHub's size limit.${where}_`;
}
function findingsSection(all, detail) {
    if (all.length === 0)
        return '';
    const findings = all.slice(0, detail.findings);
    const main = findings.filter(f => f.severity !== 'info');
    const info = findings.filter(f => f.severity === 'info');
    const lines = ['#### Findings'];
    if (main.length)
        lines.push('', findingTable(main));
    if (info.length)
        lines.push('', details(plural(info.length, 'info finding'), findingTable(info)));
    if (all.length > findings.length)
        lines.push('', leftOut(all.length - findings.length, 'findings', detail));
    return lines.join('\n');
}
/** Intended changes the maintainers accepted, each with their reason; they do not count toward the risk. */
function acceptedSection(accepted) {
    if (accepted.length === 0)
        return '';
    return [
        '#### Accepted',
        '',
        '| Severity | Rule | Finding | Reason |',
        '|---|---|---|---|',
        ...accepted.map(f => `| ${RISK_ICON[f.severity]} ${f.severity} | ${codeSpan(f.rule)} | ${markdownText(f.message)} | ${markdownText(f.accepted ?? '')} |`)
    ].join('\n');
}
function findingTable(findings) {
    return [
        '| Severity | Rule | Finding |',
        '|---|---|---|',
        ...findings.map(f => `| ${RISK_ICON[f.severity]} ${f.severity} | ${codeSpan(f.rule)} | ${markdownText(f.message)} |`)
    ].join('\n');
}
const ROW_LABEL = {
    added: '➕ added',
    removed: '➖ removed',
    renamed: '➡️ renamed',
    modified: '✏️ modified',
    mode: '🔐 mode changed',
    type: '🔀 type changed'
};
function filesSection(report, detail) {
    if (!report.previous)
        return '';
    const rows = fileRows(report);
    if (rows.length === 0) {
        return `#### Files\n\nNo file was added, removed or changed (${report.files.unchanged} unchanged).`;
    }
    if (detail.fileRows === 0)
        return `#### Files\n\n${leftOut(rows.length, 'file rows', detail)}`;
    const shown = rows.slice(0, detail.fileRows);
    const [first, rest] = [shown.slice(0, FILE_ROWS_SHOWN), shown.slice(FILE_ROWS_SHOWN)];
    const more = rest.length
        ? `\n\n${details(`${plural(rest.length, 'more file')}`, fileTable(rest))}`
        : '';
    const cut = rows.length > shown.length
        ? `\n\n${leftOut(rows.length - shown.length, 'more file rows', detail)}`
        : '';
    return `#### Files\n\n${fileTable(first)}${more}${cut}\n\n${report.files.unchanged} files unchanged.`;
}
function fileTable(rows) {
    return [
        '| Change | Path |',
        '|---|---|',
        ...rows.map(row => {
            const path = row.from ? `${codeSpan(row.from)} → ${codeSpan(row.path)}` : codeSpan(row.path);
            const similar = row.similarity === undefined ? '' : ` (${row.similarity}% of lines kept)`;
            return `| ${ROW_LABEL[row.kind]}${similar} | ${path} |`;
        })
    ].join('\n');
}
function diffsSection(diffs, detail) {
    if (diffs.length === 0)
        return '';
    const rendered = [];
    const summarised = summarisedLine(diffs, codeSpan);
    if (summarised) {
        const line = `_${summarised}_\n`;
        detail.diffRoom -= (detail.measure ?? lengthOf)(line);
        rendered.push(line);
    }
    const shown = new Map();
    for (const diff of diffs) {
        // PKG-INFO and *.egg-info/PKG-INFO usually change alike: the second is not shown twice.
        const body = diff.patch?.split('\n').slice(2).join('\n');
        const same = body ? shown.get(body) : undefined;
        if (body && !same)
            shown.set(body, diff.path);
        const text = same ? renderSameDiff(diff, same) : renderDiff(diff);
        const size = (detail.measure ?? lengthOf)(text);
        if (size > detail.diffRoom)
            break;
        detail.diffRoom -= size;
        rendered.push(text);
    }
    const omitted = diffs.length - rendered.length + (summarised ? 1 : 0);
    if (omitted)
        rendered.push(leftOut(omitted, 'diffs', detail));
    return ['#### Diffs', '', ...rendered].join('\n');
}
function renderSameDiff(diff, as) {
    return details(`<code>${htmlText(diff.path)}</code>`, `_same change as ${codeSpan(as)}_`, true);
}
function renderDiff(diff) {
    const stats = diff.patch ? ` (${patchStats(diff.patch)})` : '';
    const path = diff.oldPath === undefined ? diff.path : `${diff.oldPath} → ${diff.path}`;
    const summary = `<code>${htmlText(path)}</code>${stats}`;
    const parts = [];
    if (diff.note)
        parts.push(`_${markdownText(diff.note)}_`);
    if (diff.patch)
        parts.push(codeFence(diff.patch, 'diff'));
    if (!diff.patch) {
        parts.push(`size ${diff.oldSize} → ${diff.newSize} bytes, SHA-256 ${codeSpan(diff.oldSha256.slice(0, 12))} → ${codeSpan(diff.newSha256.slice(0, 12))}`);
    }
    return details(summary, parts.join('\n\n'), true);
}
function details(summary, body, summaryIsHtml = false) {
    const label = summaryIsHtml ? summary : htmlText(summary);
    return `<details><summary>${label}</summary>\n\n${body}\n\n</details>\n`;
}
function patchStats(patch) {
    let added = 0;
    let removed = 0;
    for (const line of patch.split('\n')) {
        if (line.startsWith('+') && !line.startsWith('+++'))
            added++;
        else if (line.startsWith('-') && !line.startsWith('---'))
            removed++;
    }
    return `+${added} −${removed}`;
}

;// CONCATENATED MODULE: ./src/render/text.ts


const INFO_SHOWN = 10;
const MARK = {
    added: 'A',
    removed: 'D',
    renamed: 'R',
    modified: 'M',
    mode: 'P',
    type: 'T'
};
/** One line of the title; names, versions and file names come from the archives. */
function textTitle(report) {
    return escape_oneLine(rawTitle(report));
}
function rawTitle({ previous, current }) {
    if (isWheelReport(current))
        return previous ? `${current.filename} vs ${previous.filename}` : current.filename;
    if (!previous)
        return `${current.name} ${current.version} (new package)`;
    const name = previous.name === current.name ? current.name : `${previous.name} -> ${current.name}`;
    return `${name} ${previous.version} -> ${current.version}`;
}
/**
 * The terminal report: verdict and findings first, then the file list, then the diffs. Every text from
 * an archive is escaped to one line (see oneLine), so no file name or message can start a report line.
 */
function renderText(report) {
    const lines = [
        `${isWheelReport(report.current) ? 'wheel' : 'sdist-diff'}: risk ${report.risk.toUpperCase()}  ${textTitle(report)}`,
        `${findingCounts(report)}; files: ${fileCounts(report)}`
    ];
    const open = report.findings.filter(f => !f.accepted);
    const important = open.filter(f => f.severity !== 'info');
    const info = open.filter(f => f.severity === 'info');
    const shown = [...important, ...info.slice(0, INFO_SHOWN)];
    if (shown.length)
        lines.push('', 'Findings:');
    for (const f of shown)
        lines.push(`  ${f.severity.padEnd(6)}  ${escape_oneLine(f.rule).padEnd(26)}  ${escape_oneLine(f.message)}`);
    if (info.length > INFO_SHOWN)
        lines.push(`  … and ${info.length - INFO_SHOWN} more info findings`);
    const accepted = report.findings.filter(f => f.accepted);
    if (accepted.length)
        lines.push('', 'Accepted (not counted in the risk):');
    for (const f of accepted)
        lines.push(`  ${f.severity.padEnd(6)}  ${escape_oneLine(f.rule).padEnd(26)}  ${escape_oneLine(f.message)} (accepted: ${escape_oneLine(f.accepted ?? '')})`);
    const rows = fileRows(report);
    if (rows.length)
        lines.push('', 'Files:');
    for (const row of rows) {
        const path = row.from ? `${row.from} -> ${row.path}` : row.path;
        lines.push(`  ${MARK[row.kind]} ${escape_oneLine(path)}`);
    }
    for (const diff of report.diffs) {
        const path = `${diff.oldPath === undefined ? '' : `${diff.oldPath} -> `}${diff.path}`;
        lines.push('', `== ${escape_oneLine(path)}`);
        if (diff.note)
            lines.push(`(${escape_oneLine(diff.note)})`);
        if (diff.patch)
            lines.push(diff.patch);
    }
    const summarised = summarisedLine(report.diffs, escape_oneLine);
    if (summarised)
        lines.push('', summarised);
    const wheels = (report.wheels ?? []).map(wheel => `\n${renderText(wheel).trimEnd()}`);
    return visibleControls([lines.join('\n'), ...wheels].join('\n')) + '\n';
}

;// CONCATENATED MODULE: ./src/render/index.ts



const FORMATS = ['text', 'markdown', 'json'];
function render(report, format) {
    switch (format) {
        case 'json':
            return renderJson(report);
        case 'markdown':
            return renderMarkdown(report);
        case 'text':
            return renderText(report);
    }
}

;// CONCATENATED MODULE: ./src/report/dependency-reports.ts


/** The release report a dependency change was judged by: same project, its current (pinned) version. */
function isReleaseOf(report, change) {
    if (!change.current)
        return false;
    return (normalizeName(report.current.name) === normalizeName(change.name) &&
        normalizeVersion(report.current.version) === normalizeVersion(change.current.version));
}
/** The release report of each dependency change, or undefined where none was judged (removed, failed). */
function reportOf(run, change) {
    return run.packages.find(report => isReleaseOf(report, change));
}

;// CONCATENATED MODULE: ./src/render/dependencies.ts







/** The riskiest change first, then by name: what a reviewer of a grouped update reads top down. */
function dependencies_ordered(run) {
    return [...(run.dependencies ?? [])].sort((a, b) => riskRank(b.risk) - riskRank(a.risk) || a.name.localeCompare(b.name));
}
/** The change's own findings with its release's (and that release's wheels'), open ones only. */
function openFindings(change, report) {
    return [...change.findings, ...(report ? packageFindings(report) : [])].filter(f => !f.accepted);
}
function topFinding(findings) {
    const rank = (f) => SEVERITIES.indexOf(f.severity);
    return [...findings].sort((a, b) => rank(b) - rank(a))[0];
}
/** Versions as shown: cut, as names are (`shownName`), so that one row cannot fill a comment. */
function versions(change) {
    return {
        ...(change.previous && { from: cut(change.previous.version, SHOWN_VERSION) }),
        ...(change.current && { to: cut(change.current.version, SHOWN_VERSION) })
    };
}
/**
 * A name as the table, the summaries and the text show it: a lockfile's name can be any length, and a
 * row longer than the comment would cut every row after it.
 */
const shownName = (change) => cut(change.name, SHOWN_NAME);
function markdownVersions(change) {
    const { from, to } = versions(change);
    if (from && to)
        return `${codeSpan(from)} → ${codeSpan(to)}`;
    return to ? `${codeSpan(to)} (added)` : `${codeSpan(from ?? '')} (removed)`;
}
function textVersions(change) {
    const { from, to } = versions(change);
    if (from && to)
        return `${from} -> ${to}`;
    return to ? `${to} (added)` : `${from ?? ''} (removed)`;
}
/** The table of every changed pin, then each judged release's report folded below it. */
function renderDependenciesMarkdown(run, detail) {
    const changes = dependencies_ordered(run);
    const rows = changes.map(change => {
        const report = reportOf(run, change);
        const top = topFinding(openFindings(change, report));
        const finding = top
            ? `${top.severity} ${codeSpan(top.rule)}: ${markdownText(cut(top.message))}`
            : change.current
                ? 'none'
                : 'no longer pinned';
        return `| ${codeSpan(shownName(change))} | ${markdownVersions(change)} | ${RISK_ICON[change.risk]} ${change.risk} | ${finding} |`;
    });
    const folded = changes.flatMap(change => {
        const report = reportOf(run, change);
        const own = change.findings.filter(f => !f.accepted);
        if (!report && !own.length)
            return [];
        const summary = `${shownName(change)} ${textVersions(change)}: risk ${change.risk}, ${countsLabel(countFindings([...change.findings, ...(report ? packageFindings(report) : [])]))}`;
        return [
            `<details><summary>${htmlText(summary)}</summary>`,
            '',
            ...own.map(f => `- **${f.severity}** ${codeSpan(f.rule)}: ${markdownText(cut(f.message, MESSAGE_FOLDED))}`),
            ...(own.length ? [''] : []),
            ...(report ? [renderMarkdown(report, detail)] : []),
            '</details>',
            ''
        ];
    });
    return [
        `## ${RISK_ICON[run.risk]} sdist-diff: dependency changes, risk **${run.risk}** across ${plural(changes.length, 'package')}`,
        '',
        changes.length
            ? '| Package | Version | Risk | Top finding |\n|---|---|---|---|\n' + rows.join('\n')
            : 'No pinned dependency changed.',
        '',
        ...folded
    ].join('\n');
}
function renderDependenciesText(run) {
    const changes = dependencies_ordered(run);
    const lines = [
        `sdist-diff: dependency changes, risk ${run.risk.toUpperCase()} across ${plural(changes.length, 'package')}`,
        ...changes.map(change => {
            const report = reportOf(run, change);
            const top = topFinding(openFindings(change, report));
            const what = top ? `${top.severity} ${top.rule}: ${cut(top.message)}` : '';
            return escape_oneLine(`  ${change.risk.padEnd(6)}  ${shownName(change)} ${textVersions(change)}${what ? `  ${what}` : ''}`);
        }),
        ''
    ];
    const reports = changes.flatMap(change => {
        const report = reportOf(run, change);
        const own = change.findings.map(f => `  ${f.severity.padEnd(6)}  ${escape_oneLine(f.rule).padEnd(26)}  ${escape_oneLine(f.message)}`);
        return [
            ...(own.length ? [`${escape_oneLine(shownName(change))}:`, ...own, ''] : []),
            ...(report ? [renderText(report)] : [])
        ];
    });
    return [lines.join('\n'), ...reports].join('\n');
}
const MESSAGE_IN_TABLE = 160;
/** A message of a lockfile's hostile name may hold it twice: bounded too. */
const MESSAGE_FOLDED = 1000;
const SHOWN_NAME = 100;
const SHOWN_VERSION = 60;
function cut(text, max = MESSAGE_IN_TABLE) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/render/run.ts








/** A release of one package reads like the pair report; several get a verdict and a table on top. */
function renderRun(run, format) {
    if (format === 'json')
        return renderJson(run);
    if (format === 'markdown')
        return renderRunMarkdown(run);
    if (run.dependencies)
        return renderDependenciesText(run);
    if (run.packages.length === 1 && run.packages[0])
        return renderText(run.packages[0]);
    return runText(run);
}
function renderRunMarkdown(run, detail = { ...FULL_DETAIL }) {
    if (run.dependencies)
        return renderDependenciesMarkdown(run, detail);
    if (run.packages.length === 1 && run.packages[0])
        return renderMarkdown(run.packages[0], detail);
    const rows = run.packages.map(report => {
        const versions = report.previous
            ? `${codeSpan(report.previous.version)} → ${codeSpan(report.current.version)}`
            : `${codeSpan(report.current.version)} (new)`;
        return `| ${codeSpan(report.current.name)} | ${versions} | ${RISK_ICON[report.risk]} ${report.risk} | ${countsLabel(countFindings(packageFindings(report)))} |`;
    });
    return [
        `## ${RISK_ICON[run.risk]} sdist-diff: risk **${run.risk}** across ${plural(run.packages.length, 'package')}`,
        '',
        '| Package | Versions | Risk | Findings |',
        '|---|---|---|---|',
        ...rows,
        '',
        ...run.packages.map(report => renderMarkdown(report, detail))
    ].join('\n');
}
/**
 * The richest rendering that fits in `limit` (measured by `measure`: characters for a comment, bytes for
 * the job summary): everything; then every finding and file row with as many diffs as the room left
 * holds; then fewer file rows; then fewer findings. The verdict always stays.
 */
function renderRunMarkdownWithin(run, limit, fullReportHint, prefix = '', measure = text => text.length) {
    prefix = boundedPrefix(prefix, limit, measure);
    const room = limit - measure(prefix);
    const render = (level) => renderRunMarkdown(run, { ...level, measure, fullReportHint });
    const full = render({ diffRoom: Infinity, fileRows: Infinity, findings: Infinity });
    if (measure(full) <= room)
        return prefix + full;
    // Diffs fill the room the rest leaves (less a margin for the note on what was left out).
    const withoutDiffs = render({ diffRoom: 0, fileRows: Infinity, findings: Infinity });
    const levels = [
        { diffRoom: room - measure(withoutDiffs) - 500, fileRows: Infinity, findings: Infinity },
        { diffRoom: 0, fileRows: 50, findings: Infinity },
        { diffRoom: 0, fileRows: 0, findings: 100 },
        { diffRoom: 0, fileRows: 0, findings: 10 }
    ];
    let text = '';
    for (const level of levels) {
        text = render(level);
        if (measure(text) <= room)
            return prefix + text;
    }
    const note = (leftOut) => `\n_Report cut to fit GitHub's size limit (left out: ${leftOut}). ${fullReportHint}_\n`;
    // Room is kept for the longest list of what was left out (four counts and their words).
    const cut = cutAtLines(text, room - measure(note('')) - 160, measure);
    return prefix + cut.text + note(cut.leftOut);
}
/**
 * The part before the report (the marker, the unexpected-files table) gets at most a quarter of the
 * room, cut at lines like the rest, so that it cannot push the report out.
 */
function boundedPrefix(prefix, limit, measure) {
    const max = Math.floor(limit / 4);
    if (measure(prefix) <= max)
        return prefix;
    const note = "_The list above was cut to fit GitHub's size limit._\n\n";
    const cut = cutAtLines(prefix, max - measure(note), measure);
    return `${cut.text}${note}`;
}
function runText(run) {
    const lines = [
        `sdist-diff: risk ${run.risk.toUpperCase()} across ${plural(run.packages.length, 'package')}`,
        ...run.packages.map(r => `  ${r.risk.padEnd(6)}  ${textTitle(r)}  (${countsLabel(countFindings(packageFindings(r)))})`),
        ''
    ];
    return [lines.join('\n'), ...run.packages.map(renderText)].join('\n');
}

;// CONCATENATED MODULE: ./src/publish/write-file-atomic.ts


/** Writes through a temporary file and a rename, so a reader never sees half a report. */
async function writeFileAtomic(path, content) {
    const temporary = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
    try {
        await (0,promises_.writeFile)(temporary, content);
        await (0,promises_.rename)(temporary, path);
    }
    catch (error) {
        await (0,promises_.rm)(temporary, { force: true });
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cli/output.ts



/**
 * Writes the report to `--output` the way a careful Unix tool does: through a symlink to its target,
 * straight into a device or FIFO (never replacing it), and atomically (temporary file and rename) into a
 * regular file, so that a reader never sees half a report.
 */
async function writeOutput(path, content) {
    const existing = await (0,promises_.stat)(path).catch(() => undefined);
    if (existing?.isDirectory())
        throw new Error(`--output: ${path} is a folder`);
    if (existing && !existing.isFile()) {
        // Opened through its links, the way a shell redirect would (/dev/stdout → /proc/self/fd/1 → a pipe).
        await (0,promises_.writeFile)(path, content);
        return;
    }
    const target = existing ? await (0,promises_.realpath)(path) : await followLinks(path);
    const folder = (0,external_node_path_.dirname)(target);
    const parent = await (0,promises_.stat)(folder).catch(() => undefined);
    if (!parent?.isDirectory())
        throw new Error(`--output: folder ${folder} does not exist`);
    await writeFileAtomic(target, content);
}
/** The path a symlink chain ends at (which need not exist yet); the path itself when it is no link. */
async function followLinks(path, hops = 0) {
    const info = await (0,promises_.lstat)(path).catch(() => undefined);
    if (!info?.isSymbolicLink())
        return path;
    if (hops >= 32)
        throw new Error(`--output: ${path}: too many levels of symbolic links`);
    return followLinks((0,external_node_path_.resolve)((0,external_node_path_.dirname)(path), await (0,promises_.readlink)(path)), hops + 1);
}

;// CONCATENATED MODULE: ./src/cli/spool.ts






/**
 * `-` (standard input), FIFOs and process substitutions (`<(…)`) can be read once and not seeked, while
 * an sdist is read more than once; each is copied into `folder` first, up to `maxBytes` (the archive
 * cap: `/dev/zero` would fill the disk). Regular files are used in place.
 */
async function spoolInputs(paths, folder, stdin, maxBytes) {
    if (paths.filter(p => p === '-').length > 1)
        throw new Error('standard input (-) can be given only once');
    const spooled = [];
    const result = [];
    for (const [index, given] of paths.entries()) {
        const info = given === '-' ? undefined : await (0,promises_.stat)(given).catch(() => undefined);
        if (info && (info.isFile() || info.isDirectory())) {
            result.push(given);
            continue;
        }
        if (given !== '-' && !info) {
            result.push(given);
            continue;
        }
        const name = given === '-' ? 'stdin.tar.gz' : safeFilename((0,external_node_path_.basename)(given), 'input');
        const file = (0,external_node_path_.join)(folder, String(index), name);
        await (0,promises_.mkdir)((0,external_node_path_.join)(folder, String(index)));
        const source = given === '-' ? stdin : (0,external_node_fs_.createReadStream)(given);
        await (0,external_node_stream_promises_namespaceObject.pipeline)(source, byteCap(given, maxBytes), (0,external_node_fs_.createWriteStream)(file, { flags: 'wx' }));
        spooled.push({ given, file });
        result.push(file);
    }
    return { paths: result, spooled };
}
/** Fails the copy at the first byte past `maxBytes`, naming the input and the cap. */
function byteCap(given, maxBytes) {
    let seen = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            seen += chunk.length;
            if (seen <= maxBytes)
                return callback(null, chunk);
            const input = given === '-' ? 'standard input' : given;
            const mib = maxBytes / 1024 ** 2;
            callback(new Error(`${input}: holds more than ${mib} MiB; refused at the ${mib} MiB archive cap (SDIST_DIFF_ARCHIVE_CAP sets it, in MiB)`));
        }
    });
}
/** Error messages name what the user gave, not the temporary copy. */
function unspool(message, spooled) {
    return spooled.reduce((text, { given, file }) => text.split(file).join(given === '-' ? 'standard input' : given), message);
}

;// CONCATENATED MODULE: ./src/read/limits-from-env.ts

/**
 * The read limits, with the archive cap (what an archive may expand to, and what an input read from a
 * pipe or device may hold) taken from SDIST_DIFF_ARCHIVE_CAP (MiB) when set: lower on a small runner,
 * higher for a release whose sdist really is that large.
 */
function readLimitsFromEnv(env) {
    const mib = Number(env.SDIST_DIFF_ARCHIVE_CAP);
    return Number.isFinite(mib) && mib > 0
        ? { ...DEFAULT_READ_LIMITS, maxUnpackedBytes: Math.round(mib * 1024 ** 2) }
        : DEFAULT_READ_LIMITS;
}

;// CONCATENATED MODULE: ./src/cli/version.ts
/** The release this build is; a test keeps it equal to package.json's version. */
const version_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/main.ts





















const USAGE = `Usage: sdist-diff PREVIOUS.tar.gz CURRENT.tar.gz [options]
       sdist-diff [--previous SPEC] [--index-url URL] [CURRENT...] [options]
       sdist-diff NAME==OLD NAME==NEW | NAME==NEW | NAME [--index-url URL] [options]
       sdist-diff --dependencies REF [--working-directory DIR] [--index-url URL] [options]

Compares Python source distributions and judges what the release changes. Two wheels
(OLD.whl NEW.whl) compare the same way; in the second form CURRENT may include wheels, each compared
with the previous release's wheel and checked against its own sdist.

The first form compares two files. The second checks a whole release: every CURRENT sdist (paths or
globs; none: build them with --build-command) is paired by name with its previous release. An input
may be - (standard input), a FIFO or a process substitution. Build logs go to standard error.
The third compares published releases on the index, before you upgrade: two versions, a version and
the release before it, or the latest release and the one before it. An argument that is an existing
file is a file; otherwise it must be a project name with an optional ==VERSION.
The fourth judges every pinned dependency whose version changed between the dependency files at git
REF and the working tree (requirements files, uv.lock, poetry.lock, pylock.toml, Pipfile.lock,
pdm.lock), each as the third form judges NAME==OLD NAME==NEW.

Options:
  --format text|markdown|json   report format (default: text)
  --fail-on none|info|low|medium|high
                                exit 1 when the risk reaches this level (default: high)
  --output FILE                 write the report to FILE instead of standard output
  --config FILE                 rule severities and ignored paths (default: .github/sdist-diff.yml
                                when it exists)
  --dependencies REF            compare the dependency pins at git REF with the working tree's
  --dependency-files GLOB       with --dependencies: read these files instead of those detected (repeat)
  --previous SPEC               empty: the release before CURRENT on the index; a version (1.4.2);
                                a path, glob or URL of an sdist; or git:REF to build that ref
  --index-url URL               PEP 503/691 simple index (default: https://pypi.org/simple/)
  --cache-dir DIR               keep downloads here, by SHA-256 (default: $SDIST_DIFF_CACHE_DIR,
                                else sdist-diff under $XDG_CACHE_HOME or ~/.cache)
  --no-cache                    download every file again, and keep none
  --build-command CMD           builds sdists into {outdir} (default: python -m build --sdist --outdir {outdir})
  --working-directory DIR       where to build and to resolve CURRENT (default: .)
  --packages NAME|GLOB           compare only these current sdists (repeat, or comma-separated)
  --source-check auto|true|false
                                compare each sdist with git HEAD and the release tag (default auto:
                                on in a git checkout when CURRENT is built or given from inside it)
  -V, --version                 print the version
  -h, --help                    show this help

Exit status: 0 risk below --fail-on, 1 risk reached --fail-on, 2 bad usage or unreadable input.
`;
class UsageError extends Error {
}
const RELEASE_OPTIONS = [
    'previous',
    'index-url',
    'build-command',
    'working-directory',
    'source-check',
    'packages'
];
function parseCliArgs(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args: argv,
            allowPositionals: true,
            tokens: true,
            options: {
                format: { type: 'string', default: 'text' },
                'fail-on': { type: 'string', default: 'high' },
                output: { type: 'string', short: 'o' },
                config: { type: 'string' },
                previous: { type: 'string' },
                dependencies: { type: 'string' },
                'dependency-files': { type: 'string', multiple: true },
                'index-url': { type: 'string' },
                'build-command': { type: 'string' },
                'working-directory': { type: 'string' },
                'source-check': { type: 'string' },
                'cache-dir': { type: 'string' },
                'no-cache': { type: 'boolean' },
                packages: { type: 'string', multiple: true },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'V' }
            }
        });
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    const { values, positionals, tokens } = parsed;
    if (values.help)
        return 'help';
    if (values.version)
        return 'version';
    refuseRepeatedOptions(tokens);
    const release = RELEASE_OPTIONS.some(name => values[name] !== undefined);
    const format = values.format;
    if (!FORMATS.includes(format)) {
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`);
    }
    let failOn;
    try {
        failOn = parseRisk(values['fail-on'], '--fail-on');
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    const sourceCheck = (values['source-check'] ?? 'auto');
    if (!SOURCE_CHECK_MODES.includes(sourceCheck)) {
        throw new UsageError(`--source-check must be one of ${SOURCE_CHECK_MODES.join(', ')}; got "${values['source-check']}"`);
    }
    if (values['no-cache'] && values['cache-dir'])
        throw new UsageError('--no-cache and --cache-dir contradict each other: give one');
    if (values.dependencies !== undefined)
        return dependencyOptions(values.dependencies, positionals, RELEASE_OPTIONS.filter(name => values[name] !== undefined), {
            format,
            failOn,
            sourceCheck,
            ...(values.output && { output: values.output }),
            ...(values.config && { config: values.config }),
            ...(values['index-url'] && { indexUrl: values['index-url'] }),
            ...(values['working-directory'] && { workingDirectory: values['working-directory'] }),
            noCache: values['no-cache'] ?? false,
            ...(values['cache-dir'] && { cacheDir: values['cache-dir'] }),
            dependencyFiles: values['dependency-files'] ?? []
        });
    if (values['dependency-files'])
        throw new UsageError('--dependency-files names the files --dependencies REF reads: give both');
    const byName = namedReleases(positionals, RELEASE_OPTIONS.filter(name => name !== 'index-url' && values[name] !== undefined));
    if (!byName && !release && positionals.length !== 2) {
        throw new UsageError(`expected PREVIOUS and CURRENT sdists, got ${positionals.length} arguments (or give --previous to check a release)`);
    }
    return {
        pair: !release && !byName,
        ...(byName && { byName }),
        sourceCheck,
        noCache: values['no-cache'] ?? false,
        ...(values['cache-dir'] && { cacheDir: values['cache-dir'] }),
        packages: (values.packages ?? [])
            .flatMap(item => item.split(','))
            .map(item => item.trim())
            .filter(Boolean),
        paths: positionals,
        format,
        failOn,
        ...(values.output && { output: values.output }),
        ...(values.config && { config: values.config }),
        ...(values.previous !== undefined && { previous: values.previous }),
        ...(values['index-url'] && { indexUrl: values['index-url'] }),
        ...(values['build-command'] && { buildCommand: values['build-command'] }),
        ...(values['working-directory'] && { workingDirectory: values['working-directory'] })
    };
}
/** `--dependencies REF`: no files named, and of the release options only the folder and the index. */
function dependencyOptions(ref, positionals, given, options) {
    if (!ref.trim())
        throw new UsageError('--dependencies needs a git ref (a commit, branch or tag)');
    if (positionals.length)
        throw new UsageError(`--dependencies compares dependency files at a git ref with the working tree: it takes no files or names (got "${positionals[0]}")`);
    const refused = given.find(name => name !== 'working-directory' && name !== 'index-url');
    if (refused)
        throw new UsageError(`--${refused} is for a release; --dependencies takes --working-directory and --index-url`);
    return { ...options, pair: false, paths: [], packages: [], dependencies: ref.trim() };
}
/** Releases named on the index, which only --index-url (and the output options) may go with. */
function namedReleases(positionals, releaseOptions) {
    let byName;
    try {
        byName = releasesByName(positionals);
    }
    catch (error) {
        throw new UsageError(error.message);
    }
    if (byName && releaseOptions.length)
        throw new UsageError(`--${releaseOptions[0]} is for a release built or given as files; published releases are named alone (NAME==OLD NAME==NEW)`);
    return byName;
}
/** Options that take many values (`--packages`) or none (`--help`) may repeat; a second value of any other would silently replace the first. */
function refuseRepeatedOptions(tokens) {
    const seen = new Map();
    for (const token of tokens) {
        if (token.kind !== 'option' || token.value === undefined || !token.name)
            continue;
        if (token.name === 'packages' || token.name === 'dependency-files')
            continue;
        seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
    }
    for (const [name, count] of seen) {
        if (count < 2)
            continue;
        const hint = name === 'previous'
            ? ': one spec names the previous release (a glob takes its sdist and wheels, e.g. "old/pkg-1.0*")'
            : '';
        throw new UsageError(`--${name} was given ${count} times; it takes one value${hint}`);
    }
}
/** Runs the CLI and returns its exit status; never throws. */
async function runCli(argv, io) {
    let spooled = [];
    const folder = await (0,temp_folders/* makeTempFolder */.Pd)('sdist-diff-cli-');
    try {
        const options = parseCliArgs(argv);
        if (options === 'help' || options === 'version') {
            io.stdout(options === 'help' ? USAGE : `sdist-diff ${version_VERSION}\n`);
            return 0;
        }
        const readLimits = readLimitsFromEnv(process.env);
        if (options.dependencies !== undefined)
            return finish(await dependencies_compareDependencies(options, options.dependencies, io, readLimits), options, io);
        if (options.byName)
            return await finish(await main_compare(options, io, readLimits), options, io);
        const inputs = await spoolInputs([...options.paths, ...(options.previous ? [options.previous] : [])], folder, io.stdin ?? process.stdin, readLimits.maxUnpackedBytes);
        spooled = inputs.spooled;
        const given = {
            ...options,
            paths: inputs.paths.slice(0, options.paths.length),
            ...(options.previous && { previous: inputs.paths[options.paths.length] ?? '' })
        };
        return await finish(await main_compare(given, io, readLimits), options, io);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`${logLine(`sdist-diff: ${unspool(message, spooled)}`)}\n`);
        if (error instanceof UsageError)
            io.stderr(`Run sdist-diff --help for usage.\n`);
        return 2;
    }
    finally {
        await (0,temp_folders/* removeTempFolder */.Vt)(folder);
    }
}
async function main_compare(options, io, readLimits) {
    const sources = sourcesOf(options);
    const log = (message) => io.stderr(`${logLine(message)}\n`);
    const proxied = proxiedFetch(proxySettingsFromEnv(process.env));
    const cache = cliCache(options, process.env, message => log(`warning: ${message}`));
    const run = await runRelease({
        sources,
        config: {
            path: options.config ?? DEFAULT_CONFIG_PATH,
            explicit: options.config !== undefined
        },
        sourceCheck: {
            mode: options.sourceCheck,
            workingDirectory: options.workingDirectory ?? '.',
            current: options.paths,
            ...(options.previous !== undefined && { previous: options.previous })
        },
        policy: { ...CLI_POLICY, failOn: options.failOn },
        options: { readLimits, retry: retryPolicyFromEnv(process.env) }
    }, { log, notice: log, ...(proxied && { fetch: proxied }), ...(cache && { cache }) });
    for (const stale of run.stale)
        io.stderr(`sdist-diff: warning: the config accepts ${describeAcceptance(stale)} ("${stale.reason}") but no finding matches it\n`);
    return run;
}
/** Published releases by name, two files, or a release (files, globs or a build, and its previous spec). */
function sourcesOf(options) {
    if (options.byName)
        return { kind: 'published', ...options.byName, indexUrl: options.indexUrl ?? DEFAULT_INDEX_URL };
    const [previous = '', current = ''] = options.paths;
    if (options.pair)
        return { kind: 'pair', previous, current };
    return {
        kind: 'release',
        current: options.paths,
        ...(options.previous !== undefined && { previous: options.previous }),
        ...(options.indexUrl !== undefined && { indexUrl: options.indexUrl }),
        ...(options.buildCommand !== undefined && { buildCommand: options.buildCommand }),
        ...(options.workingDirectory !== undefined && { workingDirectory: options.workingDirectory }),
        ...(options.packages.length && { packages: options.packages })
    };
}
/** Writes the report and says whether the risk reached --fail-on. */
async function finish({ report, decision }, options, io) {
    const output = renderOutput(report, options);
    if (options.output)
        await writeOutput(options.output, output);
    else
        io.stdout(output);
    if (decision.failures.length) {
        io.stderr(`sdist-diff: risk ${report.risk} reaches --fail-on ${options.failOn}\n`);
        return 1;
    }
    return 0;
}
/** The two-file form prints one package's report (its JSON is a Report); a release prints the run. */
function renderOutput(report, options) {
    const [only] = report.packages;
    return options.pair && only ? render(only, options.format) : renderRun(report, options.format);
}


/***/ }),

/***/ 4264:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ expandCompressed),
/* harmony export */   KY: () => (/* binding */ uncovered),
/* harmony export */   lM: () => (/* binding */ tagsFromFilename),
/* harmony export */   rC: () => (/* binding */ isPure)
/* harmony export */ });
/* unused harmony exports parseTag, covers */
function parseTag(tag) {
    const [python = '', abi = '', platform = ''] = tag.split('-');
    return { python, abi, platform };
}
/** `demo-1.0(-1)-py3-none-any.whl` → its expanded tags; empty when the name is not a wheel's. */
function tagsFromFilename(filename) {
    const parts = filename.replace(/\.whl$/, '').split('-');
    if (parts.length < 5 || parts.length > 6)
        return [];
    const [python, abi, platform] = parts.slice(-3);
    return [`${python}-${abi}-${platform}`].flatMap(expandCompressed);
}
/** `py2.py3-none-any` → `py2-none-any`, `py3-none-any` (compressed tag sets). */
function expandCompressed(tag) {
    const { python, abi, platform } = parseTag(tag);
    return python
        .split('.')
        .flatMap(p => abi.split('.').flatMap(a => platform.split('.').map(x => `${p}-${a}-${x}`)));
}
/** True when `wide` installs wherever `narrow` does. */
function covers(wide, narrow) {
    return (pythonCovers(wide, narrow) &&
        abiCovers(wide.abi, narrow.abi) &&
        platformCovers(wide.platform, narrow.platform));
}
/** The tags of `before` that no tag of `after` covers: installs that lose the wheel. */
function uncovered(before, after) {
    const wide = after.map(parseTag);
    return before.filter(tag => !wide.some(w => covers(w, parseTag(tag))));
}
function isPure(tag) {
    const { abi, platform } = parseTag(tag);
    return abi === 'none' && platform === 'any';
}
const INTERPRETER = /^(py|cp|pp|ip|jy|graalpy)(\d)(\d*)$/;
function pythonCovers(wide, narrow) {
    if (wide.python === narrow.python)
        return true;
    const w = INTERPRETER.exec(wide.python);
    const n = INTERPRETER.exec(narrow.python);
    if (!w || !n || w[2] !== n[2])
        return false;
    // py3 serves every Python 3; cp38-abi3 serves CPython 3.8 and later.
    if (w[1] === 'py')
        return w[3] === '' || w[3] === n[3];
    if (wide.abi === 'abi3' && w[1] === 'cp' && n[1] === 'cp')
        return Number(w[3] || 0) <= Number(n[3] || 0);
    return false;
}
function abiCovers(wide, narrow) {
    return wide === narrow || wide === 'none' || (wide === 'abi3' && /^cp\d+$/.test(narrow));
}
const LEGACY_MANYLINUX = {
    manylinux1: 'manylinux_2_5',
    manylinux2010: 'manylinux_2_12',
    manylinux2014: 'manylinux_2_17'
};
/** `manylinux_2_17_x86_64` → family, version and architecture; glibc/musl/macOS tags are versioned. */
function versioned(platform) {
    const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(platform);
    const name = legacy ? `${LEGACY_MANYLINUX[legacy[1]]}_${legacy[2]}` : platform;
    const match = /^(manylinux|musllinux|macosx)_(\d+)_(\d+)_(.+)$/.exec(name);
    if (!match)
        return undefined;
    return {
        family: match[1],
        version: [Number(match[2]), Number(match[3])],
        arch: match[4]
    };
}
const MACOS_UNIVERSAL = {
    universal2: ['x86_64', 'arm64', 'universal2'],
    universal: ['x86_64', 'i386', 'ppc', 'ppc64', 'intel', 'fat', 'fat3', 'fat64', 'universal'],
    intel: ['x86_64', 'i386', 'intel'],
    fat3: ['x86_64', 'i386', 'ppc', 'fat3']
};
function platformCovers(wide, narrow) {
    if (wide === narrow || wide === 'any')
        return true;
    const w = versioned(wide);
    const n = versioned(narrow);
    if (!w || !n || w.family !== n.family)
        return false;
    const archOk = w.arch === n.arch || (MACOS_UNIVERSAL[w.arch]?.includes(n.arch) ?? false);
    // An older glibc, musl or macOS floor serves every system from there on.
    const [wMajor = 0, wMinor = 0] = w.version;
    const [nMajor = 0, nMinor = 0] = n.version;
    return archOk && (wMajor < nMajor || (wMajor === nMajor && wMinor <= nMinor));
}


/***/ }),

/***/ 2774:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  g7: () => (/* binding */ decodeText),
  u0: () => (/* binding */ entryText),
  Ff: () => (/* binding */ scanText)
});

;// CONCATENATED MODULE: ./src/read/python-source.ts
/** CPython's cookie pattern (Lib/tokenize.py), matched against a line of ASCII bytes. */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** A line that lets the cookie be on the next one: blank or a comment. */
const BLANK = /^[ \t\f]*(?:[#\r\n]|$)/;
/** Python's names (encodings.aliases, after normalisation) for the encodings a reviewer reads as text. */
const PLAIN = new Set(('utf_8 utf8 u8 utf cp65001 utf8_ucs2 utf8_ucs4 ascii us_ascii 646 ansi_x3.4_1968 ansi_x3_4_1968 ' +
    'ansi_x3.4_1986 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us latin_1 latin1 latin ' +
    'l1 iso8859_1 iso_8859_1 8859 cp819 iso_ir_100 csisolatin1 ibm819 iso_8859_1_1987 iso_latin_1').split(' '));
/** The tokenizer's own shortcuts: `utf-8-…`, `latin-1-…`, `iso-8859-1-…`, `iso-latin-1-…`. */
const PLAIN_PREFIX = /^(?:utf_8|latin_1|iso_8859_1|iso_latin_1)_/;
const UTF7 = new Set(['utf_7', 'utf7', 'u7', 'unicode_1_1_utf_7', 'csunicode11utf7']);
/** Lower case, runs of anything but letters, digits and dots as one `_` (encodings.normalize_encoding). */
function normalise(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9.]+/g, '_')
        .replace(/^_|_$/g, '');
}
/** The coding cookie on line 1 or 2, as `tokenize.detect_encoding` reads it; a UTF-8 BOM means UTF-8. */
function cookie(bytes) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
        return undefined;
    let from = 0;
    for (let line = 1; line <= 2; line++) {
        const end = bytes.indexOf(0x0a, from);
        const text = Buffer.from(bytes.subarray(from, end < 0 ? bytes.length : end + 1)).toString('latin1');
        const name = COOKIE.exec(text)?.[1];
        if (name)
            return { name, line };
        if (end < 0 || !BLANK.test(text))
            return undefined;
        from = end + 1;
    }
    return undefined;
}
/** The cookie when it names an encoding other than UTF-8, ASCII or Latin-1 (and their aliases). */
function declaredEncoding(bytes) {
    const found = cookie(bytes);
    if (!found)
        return undefined;
    const name = normalise(found.name);
    return PLAIN.has(name) || PLAIN_PREFIX.test(name) ? undefined : found;
}
/**
 * A `.py` file's text as Python decodes it when its PEP 263 cookie names another encoding (UTF-7 by
 * hand: TextDecoder has no UTF-7; anything else by TextDecoder, which knows most of Python's codecs);
 * undefined when it is read as every other file is, or TextDecoder knows no such encoding.
 */
function decodePython(bytes, declared = declaredEncoding(bytes)) {
    if (!declared)
        return undefined;
    const name = normalise(declared.name);
    if (UTF7.has(name))
        return decodeUtf7(bytes);
    for (const label of [name, name.replace(/_/g, '-')]) {
        try {
            return new TextDecoder(label).decode(bytes);
        }
        catch {
            // Not a label TextDecoder knows: try the next spelling.
        }
    }
    return undefined;
}
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/**
 * UTF-7 (RFC 2152), as Python's codec reads it: `+` opens a run of modified base64 holding UTF-16
 * code units, ended by any other character (a `-` that ends it is dropped); `+-` is `+`. Bytes
 * outside ASCII are taken as they are, where Python would stop with an error.
 */
function decodeUtf7(bytes) {
    const out = [];
    let i = 0;
    while (i < bytes.length) {
        const byte = bytes[i] ?? 0;
        if (byte !== 0x2b) {
            out.push(String.fromCharCode(byte));
            i++;
            continue;
        }
        i++;
        if (bytes[i] === 0x2d) {
            out.push('+');
            i++;
            continue;
        }
        let bits = 0;
        let value = 0;
        for (; i < bytes.length; i++) {
            const digit = BASE64.indexOf(String.fromCharCode(bytes[i] ?? 0));
            if (digit < 0)
                break;
            value = ((value << 6) | digit) & 0xffffff;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                out.push(String.fromCharCode((value >> bits) & 0xffff));
            }
        }
        if (bytes[i] === 0x2d)
            i++;
    }
    return out.join('');
}

;// CONCATENATED MODULE: ./src/read/decode-text.ts
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * An entry's content as text, decoded on first use; undefined for binary, large or dropped content.
 * The text replaces the raw bytes on the entry, so a changed file is held once, not twice.
 */
function entryText(entry) {
    if (!entry || entry.binary)
        return undefined;
    if (entry.text === undefined && entry.content) {
        entry.text = entry.path.endsWith('.py')
            ? pythonText(entry, entry.content)
            : decodeText(entry.content);
        delete entry.content;
    }
    return entry.text;
}
/** A module as Python reads it (PEP 263); an unusual declared encoding is noted on the entry. */
function pythonText(entry, bytes) {
    const declared = declaredEncoding(bytes);
    if (declared)
        entry.declaredEncoding = declared;
    return decodePython(bytes, declared) ?? decodeText(bytes);
}
/** UTF-8 when the bytes are valid UTF-8, else Latin-1, which maps every byte and so never loses one. */
function decodeText(bytes) {
    try {
        return utf8.decode(bytes);
    }
    catch {
        return latin1.decode(bytes);
    }
}
/**
 * The text the content checks read: entryText(), or for content with NUL bytes (one NUL byte makes a
 * file binary to a diff, not to a reader looking for secrets) its decoding, made afresh each time.
 */
function scanText(entry) {
    if (!entry?.binary)
        return entryText(entry);
    return entry.content && decodeText(entry.content);
}


/***/ }),

/***/ 9698:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Kg: () => (/* binding */ hasControlCharacters),
/* harmony export */   _V: () => (/* binding */ firstSegment),
/* harmony export */   d$: () => (/* binding */ placeInRoot),
/* harmony export */   yH: () => (/* binding */ resolveSymlink)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

// Control characters (C0, DEL, C1) never belong in a file name and can forge terminal or Markdown output.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
function hasControlCharacters(path) {
    return CONTROL_CHARACTERS.test(path);
}
/** The first segment of an archive path: the candidate root folder. */
function firstSegment(archivePath) {
    return archivePath.split('/').find(segment => segment !== '' && segment !== '.') ?? '';
}
/**
 * Places an archive path relative to the sdist root, refusing what a careless extractor would write
 * outside it: absolute paths, `..` segments and entries outside the root folder.
 */
function placeInRoot(archivePath, root) {
    if (archivePath.startsWith('/') || /^[A-Za-z]:/.test(archivePath)) {
        return { kind: 'refused', reason: 'absolute path' };
    }
    const segments = archivePath.split('/').filter(segment => segment !== '' && segment !== '.');
    if (segments.includes('..'))
        return { kind: 'refused', reason: 'path with ".." segment' };
    if (segments.length === 0)
        return { kind: 'refused', reason: 'empty path' };
    if (segments[0] !== root) {
        return segments.length === 1
            ? { kind: 'refused', reason: `outside the root folder "${root}/"` }
            : { kind: 'refused', reason: `second root folder "${segments[0]}/" beside "${root}/"` };
    }
    if (segments.length === 1)
        return { kind: 'root' };
    return { kind: 'inside', relative: segments.slice(1).join('/') };
}
/** Where a symlink at `relative` points, relative to the root; undefined when it leaves the root. */
function resolveSymlink(relative, target) {
    if (target.startsWith('/') || /^[A-Za-z]:/.test(target))
        return undefined;
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.join(node_path__WEBPACK_IMPORTED_MODULE_0__.posix.dirname(relative), target));
    if (resolved === '..' || resolved.startsWith('../'))
        return undefined;
    return resolved;
}


/***/ }),

/***/ 6757:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  sn: () => (/* binding */ keeping),
  EW: () => (/* binding */ noteMentions)
});

// UNUSED EXPORTS: SCAN_CAP_BYTES

// EXTERNAL MODULE: ./src/read/decode-text.ts + 1 modules
var decode_text = __nccwpck_require__(2774);
;// CONCATENATED MODULE: ./src/read/python-mentions.ts
/**
 * What a Python file mentions of the behaviours the code analysis looks for, noted on the previous
 * side's entries as the pair is read (their text is not kept): when a release adds a kind of behaviour,
 * the analysis learns from them whether the previous release had it anywhere.
 */
const MENTIONS = [
    [
        'network',
        /\b(?:urllib[23]?|http\.client|httplib|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib)\b/
    ],
    [
        'process',
        /\bsubprocess\b|\bos\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)\b|\bpty\.spawn\b|\bfrom os import[^\n]*\b(?:system|popen|exec\w*|spawn\w*)\b/
    ],
    ['environment', /\bos\.environ\b|\bfrom os import[^\n]*\benviron\b/]
];
function pythonMentions(text) {
    return MENTIONS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}

;// CONCATENATED MODULE: ./src/read/keeping.ts


const SCAN_CAP_BYTES = 64 * 1024 ** 2;
/** How an entry's bytes are kept as they arrive: as text, for the content checks only, or not at all. */
function keeping(size, limits) {
    if (size <= limits.textCapBytes)
        return 'text';
    if (size <= (limits.scanCapBytes ?? SCAN_CAP_BYTES))
        return 'scan';
    return undefined;
}
/** The previous side of a pair notes what its Python files mention (see pythonMentions). */
function noteMentions(entry, side, chunks) {
    if (side === 0 && entry.path.endsWith('.py'))
        entry.mentions = pythonMentions((0,decode_text/* decodeText */.g7)(Buffer.concat(chunks)));
}


/***/ }),

/***/ 93:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ ArchiveError),
/* harmony export */   x: () => (/* binding */ metadataPath)
/* harmony export */ });
/** Where an archive's core metadata is: `PKG-INFO` in an sdist, `*.dist-info/METADATA` in a wheel. */
function metadataPath(archive) {
    return archive.wheel ? `${archive.wheel.distInfo}/METADATA` : 'PKG-INFO';
}
/** An error in one input archive; the message names the file and the problem. */
class ArchiveError extends Error {
    file;
    constructor(file, problem) {
        super(`${file}: ${problem}`);
        this.file = file;
        this.name = 'ArchiveError';
    }
}


/***/ }),

/***/ 3996:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pd: () => (/* binding */ makeTempFolder),
/* harmony export */   Vt: () => (/* binding */ removeTempFolder),
/* harmony export */   br: () => (/* binding */ removeTempFoldersAtExit)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




/** Folders made by makeTempFolder and not yet removed. */
const live = new Set();
/**
 * A new folder under the system's temporary directory (TMPDIR), for removeTempFolder to remove; what is
 * still there when the process ends is removed then (see removeTempFoldersAtExit).
 */
async function makeTempFolder(prefix) {
    // Made and registered in one step: a signal handled between an async mkdtemp and the registration
    // would leave the folder behind.
    const folder = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), prefix));
    live.add(folder);
    return folder;
}
async function removeTempFolder(folder) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(folder, { recursive: true, force: true });
    live.delete(folder);
}
function removeLeftFolders() {
    for (const folder of live)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(folder, { recursive: true, force: true });
    live.clear();
}
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * For the shells (the CLI, the Action): temporary folders are removed on every exit, also when the run
 * is interrupted (Ctrl-C, a cancelled job's SIGINT and SIGTERM), where Node would otherwise end the
 * process without running a single `finally`. The exit status is the shell's for the signal (130, 143).
 */
function removeTempFoldersAtExit() {
    process.on('exit', removeLeftFolders);
    for (const signal of SIGNALS)
        process.once(signal, () => {
            removeLeftFolders();
            process.exit(128 + node_os__WEBPACK_IMPORTED_MODULE_2__.constants.signals[signal]);
        });
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3988:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('["389-exception","Asterisk-exception","Autoconf-exception-2.0","Autoconf-exception-3.0","Autoconf-exception-generic","Autoconf-exception-generic-3.0","Autoconf-exception-macro","Bison-exception-1.24","Bison-exception-2.2","Bootloader-exception","Classpath-exception-2.0","CLISP-exception-2.0","cryptsetup-OpenSSL-exception","DigiRule-FOSS-exception","eCos-exception-2.0","Fawkes-Runtime-exception","FLTK-exception","fmt-exception","Font-exception-2.0","freertos-exception-2.0","GCC-exception-2.0","GCC-exception-2.0-note","GCC-exception-3.1","Gmsh-exception","GNAT-exception","GNOME-examples-exception","GNU-compiler-exception","gnu-javamail-exception","GPL-3.0-interface-exception","GPL-3.0-linking-exception","GPL-3.0-linking-source-exception","GPL-CC-1.0","GStreamer-exception-2005","GStreamer-exception-2008","i2p-gpl-java-exception","KiCad-libraries-exception","LGPL-3.0-linking-exception","libpri-OpenH323-exception","Libtool-exception","Linux-syscall-note","LLGPL","LLVM-exception","LZMA-exception","mif-exception","OCaml-LGPL-linking-exception","OCCT-exception-1.0","OpenJDK-assembly-exception-1.0","openvpn-openssl-exception","PS-or-PDF-font-exception-20170817","QPL-1.0-INRIA-2004-exception","Qt-GPL-exception-1.0","Qt-LGPL-exception-1.1","Qwt-exception-1.0","SANE-exception","SHL-2.0","SHL-2.1","stunnel-exception","SWI-exception","Swift-exception","Texinfo-exception","u-boot-exception-2.0","UBDL-exception","Universal-FOSS-exception-1.0","vsftpd-openssl-exception","WxWindows-exception-3.1","x11vnc-openssl-exception"]');

/***/ }),

/***/ 3389:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('["AGPL-1.0","AGPL-3.0","BSD-2-Clause-FreeBSD","BSD-2-Clause-NetBSD","GFDL-1.1","GFDL-1.2","GFDL-1.3","GPL-1.0","GPL-2.0","GPL-2.0-with-GCC-exception","GPL-2.0-with-autoconf-exception","GPL-2.0-with-bison-exception","GPL-2.0-with-classpath-exception","GPL-2.0-with-font-exception","GPL-3.0","GPL-3.0-with-GCC-exception","GPL-3.0-with-autoconf-exception","LGPL-2.0","LGPL-2.1","LGPL-3.0","Net-SNMP","Nunit","StandardML-NJ","bzip2-1.0.5","eCos-2.0","wxWindows"]');

/***/ }),

/***/ 5204:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('["0BSD","3D-Slicer-1.0","AAL","ADSL","AFL-1.1","AFL-1.2","AFL-2.0","AFL-2.1","AFL-3.0","AGPL-1.0-only","AGPL-1.0-or-later","AGPL-3.0-only","AGPL-3.0-or-later","ALGLIB-Documentation","AMD-newlib","AMDPLPA","AML","AML-glslang","AMPAS","ANTLR-PD","ANTLR-PD-fallback","APAFML","APL-1.0","APSL-1.0","APSL-1.1","APSL-1.2","APSL-2.0","ASWF-Digital-Assets-1.0","ASWF-Digital-Assets-1.1","Abstyles","AdaCore-doc","Adobe-2006","Adobe-Display-PostScript","Adobe-Glyph","Adobe-Utopia","Advanced-Cryptics-Dictionary","Afmparse","Aladdin","Apache-1.0","Apache-1.1","Apache-2.0","App-s2p","Arphic-1999","Artistic-1.0","Artistic-1.0-Perl","Artistic-1.0-cl8","Artistic-2.0","Artistic-dist","Aspell-RU","BOLA-1.1","BSD-1-Clause","BSD-2-Clause","BSD-2-Clause-Darwin","BSD-2-Clause-Patent","BSD-2-Clause-Views","BSD-2-Clause-first-lines","BSD-2-Clause-pkgconf-disclaimer","BSD-2-Clause-pos-unchanged","BSD-3-Clause","BSD-3-Clause-Attribution","BSD-3-Clause-Clear","BSD-3-Clause-HP","BSD-3-Clause-LBNL","BSD-3-Clause-Modification","BSD-3-Clause-No-Military-License","BSD-3-Clause-No-Nuclear-License","BSD-3-Clause-No-Nuclear-License-2014","BSD-3-Clause-No-Nuclear-Warranty","BSD-3-Clause-Open-MPI","BSD-3-Clause-OpenWebUI","BSD-3-Clause-Sun","BSD-3-Clause-Tso","BSD-3-Clause-acpica","BSD-3-Clause-flex","BSD-4-Clause","BSD-4-Clause-Shortened","BSD-4-Clause-UC","BSD-4.3RENO","BSD-4.3TAHOE","BSD-Advertising-Acknowledgement","BSD-Attribution-HPND-disclaimer","BSD-Inferno-Nettverk","BSD-Mark-Modifications","BSD-Protection","BSD-Source-Code","BSD-Source-Code-no-disclaimer","BSD-Source-alt-GPL","BSD-Source-beginning-file","BSD-Systemics","BSD-Systemics-W3Works","BSD-ask-to-endorse","BSL-1.0","BUSL-1.1","Baekmuk","Bahyph","Barr","Beerware","BitTorrent-1.0","BitTorrent-1.1","Bitstream-Charter","Bitstream-Vera","BlueOak-1.0.0","Boehm-GC","Boehm-GC-without-fee","Borceux","Brian-Gladman-2-Clause","Brian-Gladman-3-Clause","Brian-Gladman-3-Clause-no-conversion","Buddy","Bugroff","C-UDA-1.0","CAL-1.0","CAL-1.0-Combined-Work-Exception","CAPEC-tou","CATOSL-1.1","CC-BY-1.0","CC-BY-2.0","CC-BY-2.5","CC-BY-2.5-AU","CC-BY-3.0","CC-BY-3.0-AT","CC-BY-3.0-AU","CC-BY-3.0-DE","CC-BY-3.0-IGO","CC-BY-3.0-NL","CC-BY-3.0-US","CC-BY-4.0","CC-BY-NC-1.0","CC-BY-NC-2.0","CC-BY-NC-2.5","CC-BY-NC-3.0","CC-BY-NC-3.0-DE","CC-BY-NC-3.0-IGO","CC-BY-NC-4.0","CC-BY-NC-ND-1.0","CC-BY-NC-ND-2.0","CC-BY-NC-ND-2.5","CC-BY-NC-ND-3.0","CC-BY-NC-ND-3.0-DE","CC-BY-NC-ND-3.0-IGO","CC-BY-NC-ND-4.0","CC-BY-NC-SA-1.0","CC-BY-NC-SA-2.0","CC-BY-NC-SA-2.0-DE","CC-BY-NC-SA-2.0-FR","CC-BY-NC-SA-2.0-UK","CC-BY-NC-SA-2.5","CC-BY-NC-SA-3.0","CC-BY-NC-SA-3.0-DE","CC-BY-NC-SA-3.0-IGO","CC-BY-NC-SA-4.0","CC-BY-ND-1.0","CC-BY-ND-2.0","CC-BY-ND-2.5","CC-BY-ND-3.0","CC-BY-ND-3.0-DE","CC-BY-ND-4.0","CC-BY-SA-1.0","CC-BY-SA-2.0","CC-BY-SA-2.0-UK","CC-BY-SA-2.1-JP","CC-BY-SA-2.5","CC-BY-SA-3.0","CC-BY-SA-3.0-AT","CC-BY-SA-3.0-DE","CC-BY-SA-3.0-IGO","CC-BY-SA-4.0","CC-PDDC","CC-PDM-1.0","CC-SA-1.0","CC0-1.0","CDDL-1.0","CDDL-1.1","CDL-1.0","CDLA-Permissive-1.0","CDLA-Permissive-2.0","CDLA-Sharing-1.0","CECILL-1.0","CECILL-1.1","CECILL-2.0","CECILL-2.1","CECILL-B","CECILL-C","CERN-OHL-1.1","CERN-OHL-1.2","CERN-OHL-P-2.0","CERN-OHL-S-2.0","CERN-OHL-W-2.0","CFITSIO","CMU-Mach","CMU-Mach-nodoc","CNRI-Jython","CNRI-Python","CNRI-Python-GPL-Compatible","COIL-1.0","CPAL-1.0","CPL-1.0","CPOL-1.02","CUA-OPL-1.0","Caldera","Caldera-no-preamble","Catharon","ClArtistic","Clips","Community-Spec-1.0","Condor-1.1","Cornell-Lossless-JPEG","Cronyx","Crossword","CryptoSwift","CrystalStacker","Cube","D-FSL-1.0","DEC-3-Clause","DL-DE-BY-2.0","DL-DE-ZERO-2.0","DOC","DRL-1.0","DRL-1.1","DSDP","DocBook-DTD","DocBook-Schema","DocBook-Stylesheet","DocBook-XML","Dotseqn","ECL-1.0","ECL-2.0","EFL-1.0","EFL-2.0","EPICS","EPL-1.0","EPL-2.0","ESA-PL-permissive-2.4","ESA-PL-strong-copyleft-2.4","ESA-PL-weak-copyleft-2.4","EUDatagrid","EUPL-1.0","EUPL-1.1","EUPL-1.2","Elastic-2.0","Entessa","ErlPL-1.1","Eurosym","FBM","FDK-AAC","FDK-MPEG-H","FSFAP","FSFAP-no-warranty-disclaimer","FSFUL","FSFULLR","FSFULLRSD","FSFULLRWD","FSL-1.1-ALv2","FSL-1.1-MIT","FTL","Fair","Ferguson-Twofish","Frameworx-1.0","FreeBSD-DOC","FreeImage","Furuseth","GCR-docs","GD","GFDL-1.1-invariants-only","GFDL-1.1-invariants-or-later","GFDL-1.1-no-invariants-only","GFDL-1.1-no-invariants-or-later","GFDL-1.1-only","GFDL-1.1-or-later","GFDL-1.2-invariants-only","GFDL-1.2-invariants-or-later","GFDL-1.2-no-invariants-only","GFDL-1.2-no-invariants-or-later","GFDL-1.2-only","GFDL-1.2-or-later","GFDL-1.3-invariants-only","GFDL-1.3-invariants-or-later","GFDL-1.3-no-invariants-only","GFDL-1.3-no-invariants-or-later","GFDL-1.3-only","GFDL-1.3-or-later","GL2PS","GLWTPL","GPL-1.0-only","GPL-1.0-or-later","GPL-2.0-only","GPL-2.0-or-later","GPL-3.0-only","GPL-3.0-or-later","Game-Programming-Gems","Giftware","Glide","Glulxe","Graphics-Gems","Gutmann","HDF5","HIDAPI","HP-1986","HP-1989","HPND","HPND-DEC","HPND-Fenneberg-Livingston","HPND-INRIA-IMAG","HPND-Intel","HPND-Kevlin-Henney","HPND-MIT-disclaimer","HPND-Markus-Kuhn","HPND-Netrek","HPND-Pbmplus","HPND-SMC","HPND-UC","HPND-UC-export-US","HPND-doc","HPND-doc-sell","HPND-export-US","HPND-export-US-acknowledgement","HPND-export-US-modify","HPND-export2-US","HPND-merchantability-variant","HPND-sell-MIT-disclaimer-xserver","HPND-sell-regexpr","HPND-sell-variant","HPND-sell-variant-MIT-disclaimer","HPND-sell-variant-MIT-disclaimer-rev","HPND-sell-variant-critical-systems","HTMLTIDY","HaskellReport","Hippocratic-2.1","Hippocratic-3.0-core","IBM-pibs","ICU","IEC-Code-Components-EULA","IJG","IJG-short","IPA","IPL-1.0","ISC","ISC-Veillard","ISO-permission","ImageMagick","Imlib2","Info-ZIP","Informatica","Inner-Net-2.0","InnoSetup","Intel","Intel-ACPI","Interbase-1.0","JPL-image","JPNIC","JSON","Jam","JasPer-2.0","Kastrup","Kazlib","Knuth-CTAN","LAL-1.2","LAL-1.3","LGPL-2.0-only","LGPL-2.0-or-later","LGPL-2.1-only","LGPL-2.1-or-later","LGPL-3.0-only","LGPL-3.0-or-later","LGPLLR","LOOP","LPD-document","LPL-1.0","LPL-1.02","LPPL-1.0","LPPL-1.1","LPPL-1.2","LPPL-1.3a","LPPL-1.3c","LZMA-SDK-9.11-to-9.20","LZMA-SDK-9.22","Latex2e","Latex2e-translated-notice","Leptonica","LiLiQ-P-1.1","LiLiQ-R-1.1","LiLiQ-Rplus-1.1","Libpng","Linux-OpenIB","Linux-man-pages-1-para","Linux-man-pages-copyleft","Linux-man-pages-copyleft-2-para","Linux-man-pages-copyleft-var","Lucida-Bitmap-Fonts","MIPS","MIT","MIT-0","MIT-CMU","MIT-Click","MIT-Festival","MIT-Khronos-old","MIT-Modern-Variant","MIT-STK","MIT-Wu","MIT-advertising","MIT-enna","MIT-feh","MIT-open-group","MIT-testregex","MITNFA","MMIXware","MMPL-1.0.1","MPEG-SSG","MPL-1.0","MPL-1.1","MPL-2.0","MPL-2.0-no-copyleft-exception","MS-LPL","MS-PL","MS-RL","MTLL","MVT-1.1","Mackerras-3-Clause","Mackerras-3-Clause-acknowledgment","MakeIndex","Martin-Birgmeier","McPhee-slideshow","Minpack","MirOS","Motosoto","MulanPSL-1.0","MulanPSL-2.0","Multics","Mup","NAIST-2003","NASA-1.3","NBPL-1.0","NCBI-PD","NCGL-UK-2.0","NCL","NCSA","NGPL","NICTA-1.0","NIST-PD","NIST-PD-TNT","NIST-PD-fallback","NIST-Software","NLOD-1.0","NLOD-2.0","NLPL","NOSL","NPL-1.0","NPL-1.1","NPOSL-3.0","NRL","NTIA-PD","NTP","NTP-0","Naumen","NetCDF","Newsletr","Nokia","Noweb","O-UDA-1.0","OAR","OCCT-PL","OCLC-2.0","ODC-By-1.0","ODbL-1.0","OFFIS","OFL-1.0","OFL-1.0-RFN","OFL-1.0-no-RFN","OFL-1.1","OFL-1.1-RFN","OFL-1.1-no-RFN","OGC-1.0","OGDL-Taiwan-1.0","OGL-Canada-2.0","OGL-UK-1.0","OGL-UK-2.0","OGL-UK-3.0","OGTSL","OLDAP-1.1","OLDAP-1.2","OLDAP-1.3","OLDAP-1.4","OLDAP-2.0","OLDAP-2.0.1","OLDAP-2.1","OLDAP-2.2","OLDAP-2.2.1","OLDAP-2.2.2","OLDAP-2.3","OLDAP-2.4","OLDAP-2.5","OLDAP-2.6","OLDAP-2.7","OLDAP-2.8","OLFL-1.3","OML","OPL-1.0","OPL-UK-3.0","OPUBL-1.0","OSC-1.0","OSET-PL-2.1","OSL-1.0","OSL-1.1","OSL-2.0","OSL-2.1","OSL-3.0","OSSP","OpenMDW-1.0","OpenPBS-2.3","OpenSSL","OpenSSL-standalone","OpenVision","PADL","PDDL-1.0","PHP-3.0","PHP-3.01","PPL","PSF-2.0","ParaType-Free-Font-1.3","Parity-6.0.0","Parity-7.0.0","Pixar","Plexus","PolyForm-Noncommercial-1.0.0","PolyForm-Small-Business-1.0.0","PostgreSQL","Python-2.0","Python-2.0.1","QPL-1.0","QPL-1.0-INRIA-2004","Qhull","RHeCos-1.1","RPL-1.1","RPL-1.5","RPSL-1.0","RSA-MD","RSCPL","Rdisc","Ruby","Ruby-pty","SAX-PD","SAX-PD-2.0","SCEA","SGI-B-1.0","SGI-B-1.1","SGI-B-2.0","SGI-OpenGL","SGMLUG-PM","SGP4","SHL-0.5","SHL-0.51","SISSL","SISSL-1.2","SL","SMAIL-GPL","SMLNJ","SMPPL","SNIA","SOFA","SPL-1.0","SSH-OpenSSH","SSH-short","SSLeay-standalone","SSPL-1.0","SUL-1.0","SWL","Saxpath","SchemeReport","Sendmail","Sendmail-8.23","Sendmail-Open-Source-1.1","SimPL-2.0","Sleepycat","Soundex","Spencer-86","Spencer-94","Spencer-99","SugarCRM-1.1.3","Sun-PPP","Sun-PPP-2000","SunPro","Symlinks","TAPR-OHL-1.0","TCL","TCP-wrappers","TGPPL-1.0","TMate","TORQUE-1.1","TOSL","TPDL","TPL-1.0","TTWL","TTYP0","TU-Berlin-1.0","TU-Berlin-2.0","TekHVC","TermReadKey","ThirdEye","TrustedQSL","UCAR","UCL-1.0","UMich-Merit","UPL-1.0","URT-RLE","Ubuntu-font-1.0","UnRAR","Unicode-3.0","Unicode-DFS-2015","Unicode-DFS-2016","Unicode-TOU","UnixCrypt","Unlicense","Unlicense-libtelnet","Unlicense-libwhirlpool","VOSTROM","VSL-1.0","Vim","Vixie-Cron","W3C","W3C-19980720","W3C-20150513","WTFNMFPL","WTFPL","Watcom-1.0","Widget-Workshop","WordNet","Wsuipa","X11","X11-distribute-modifications-variant","X11-no-permit-persons","X11-swapped","XFree86-1.1","XSkat","Xdebug-1.03","Xerox","Xfig","Xnet","YPL-1.0","YPL-1.1","ZPL-1.1","ZPL-2.0","ZPL-2.1","Zed","Zeeff","Zend-2.0","Zimbra-1.3","Zimbra-1.4","Zlib","any-OSI","any-OSI-perl-modules","atc-game","bcrypt-Solar-Designer","blessing","bzip2-1.0.6","check-cvs","checkmk","copyleft-next-0.3.0","copyleft-next-0.3.1","curl","cve-tou","diffmark","dtoa","dvipdfm","eGenix","etalab-2.0","fwlw","gSOAP-1.3b","generic-xts","gnuplot","gtkbook","hdparm","hyphen-bulgarian","iMatix","jove","libpng-1.6.35","libpng-2.0","libselinux-1.0","libtiff","libutil-David-Nugent","lsof","magaz","mailprio","man2html","metamail","mpi-permissive","mpich2","mplus","ngrep","pkgconf","pnmstitch","psfrag","psutils","python-ldap","radvd","snprintf","softSurfer","ssh-keyscan","swrule","threeparttable","ulem","w3m","wwl","xinetd","xkeyboard-config-Zinoviev","xlock","xpp","xzoom","zlib-acknowledgement"]');

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map