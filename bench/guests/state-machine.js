// "Business logic": an order state machine handling a stream of commands
// (open, add, remove, pay, ship, cancel) with validation, a cart of line
// items, totals and counters, as a device controller or a rules engine would.
const PRICES = [120, 250, 75, 990, 15, 430, 60, 310];

function newOrder(id) {
  return { id: id, state: 'open', lines: [], total: 0, paid: 0 };
}

function findLine(order, sku) {
  const lines = order.lines;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].sku === sku) return lines[i];
  }
  return undefined;
}

function handle(m, cmd) {
  const order = m.order;
  let line;
  switch (cmd.type) {
    case 'open':
      if (order && order.state !== 'closed') return 'busy';
      m.order = newOrder(m.nextId);
      m.nextId++;
      return 'ok';
    case 'add':
      if (!order || order.state !== 'open') return 'rejected';
      line = findLine(order, cmd.sku);
      if (line) line.qty += cmd.qty;
      else order.lines.push({ sku: cmd.sku, qty: cmd.qty });
      order.total += PRICES[cmd.sku] * cmd.qty;
      return 'ok';
    case 'remove':
      if (!order || order.state !== 'open') return 'rejected';
      line = findLine(order, cmd.sku);
      if (!line || line.qty === 0) return 'rejected';
      line.qty--;
      order.total -= PRICES[cmd.sku];
      return 'ok';
    case 'pay':
      if (!order || order.state !== 'open' || order.total === 0) return 'rejected';
      order.paid = order.total;
      order.state = 'paid';
      return 'ok';
    case 'ship':
      if (!order || order.state !== 'paid') return 'rejected';
      order.state = 'closed';
      m.revenue = (m.revenue + order.paid) % 1000003;
      m.shipped++;
      return 'ok';
    case 'cancel':
      if (!order || order.state === 'closed') return 'rejected';
      order.state = 'closed';
      m.cancelled++;
      return 'ok';
    default:
      return 'unknown';
  }
}

const TYPES = ['open', 'add', 'add', 'add', 'remove', 'pay', 'ship', 'cancel', 'add', 'pay', 'ship', 'open'];

vmExport(1, (n) => {
  const m = { order: undefined, nextId: 1, revenue: 0, shipped: 0, cancelled: 0, ok: 0, rejected: 0 };
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103 + 12345) % 65521;
    const cmd = { type: TYPES[seed % 12], sku: seed % 8, qty: 1 + (seed % 3) };
    if (handle(m, cmd) === 'ok') m.ok++;
    else m.rejected++;
  }
  return (m.revenue * 7 + m.shipped * 1009 + m.cancelled * 31 + m.ok * 3 + m.rejected) % 1000003;
});
