// Loaded with --require by npm test's and CI's Vitest runs. Vitest 5 declares Node 22 and calls
// Map.groupBy (Node 21+) when it prints failed tests: on Node 20 the summary itself crashed and
// hid which test failed and why (docs/decisions/015-node-version-requirement.md).
if (typeof Map.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value: function groupBy(items, keyOf) {
      const groups = new Map();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}
