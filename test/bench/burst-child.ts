/**
 * The live burst's load generator in its own process: 200 concurrent POSTs are sockets, JSON and
 * promises that would otherwise run on the measured event loop and count as the core's stall.
 * Args: server URL, bearer token, how many. Prints "done" when every request has been answered.
 */
export {}

const [url, token, count] = process.argv.slice(2)
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    fetch(`${url}/api/v1/demo/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ customerName: `Burst ${i}` }),
    }).then((res) => res.arrayBuffer()),
  ),
)
process.stdout.write('done\n')
