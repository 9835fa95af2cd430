// A stand-in for localStorage with a quota (in characters of keys and values, as browsers count), and a
// switch that makes it refuse everything, as a browser that blocks storage does.

export class FakeStorage {
  constructor(quota = Infinity) {
    this.items = new Map();
    this.quota = quota;
    this.blocked = false;
  }

  used() {
    let n = 0;
    for (const [key, value] of this.items) n += key.length + value.length;
    return n;
  }

  check() {
    if (this.blocked) throw Object.assign(new Error("The operation is insecure."), { name: "SecurityError" });
  }

  get length() {
    this.check();
    return this.items.size;
  }

  key(n) {
    this.check();
    return Array.from(this.items.keys())[n] ?? null;
  }

  getItem(key) {
    this.check();
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    this.check();
    const text = String(value);
    const old = this.items.has(key) ? key.length + this.items.get(key).length : 0;
    if (this.used() - old + key.length + text.length > this.quota) {
      throw Object.assign(new Error("quota exceeded"), { name: "QuotaExceededError", code: 22 });
    }
    this.items.set(key, text);
  }

  removeItem(key) {
    this.check();
    this.items.delete(key);
  }
}
