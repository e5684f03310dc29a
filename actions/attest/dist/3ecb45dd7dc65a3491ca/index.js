import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 173:
/***/ ((module) => {

function isBuffer(value) {
  return Buffer.isBuffer(value) || value instanceof Uint8Array
}

function isEncoding(encoding) {
  return Buffer.isEncoding(encoding)
}

function alloc(size, fill, encoding) {
  return Buffer.alloc(size, fill, encoding)
}

function allocUnsafe(size) {
  return Buffer.allocUnsafe(size)
}

function allocUnsafeSlow(size) {
  return Buffer.allocUnsafeSlow(size)
}

function byteLength(string, encoding) {
  return Buffer.byteLength(string, encoding)
}

function compare(a, b) {
  return Buffer.compare(a, b)
}

function concat(buffers, totalLength) {
  return Buffer.concat(buffers, totalLength)
}

function copy(source, target, targetStart, start, end) {
  return toBuffer(source).copy(target, targetStart, start, end)
}

function equals(a, b) {
  return toBuffer(a).equals(b)
}

function fill(buffer, value, offset, end, encoding) {
  return toBuffer(buffer).fill(value, offset, end, encoding)
}

function from(value, encodingOrOffset, length) {
  return Buffer.from(value, encodingOrOffset, length)
}

function includes(buffer, value, byteOffset, encoding) {
  return toBuffer(buffer).includes(value, byteOffset, encoding)
}

function indexOf(buffer, value, byfeOffset, encoding) {
  return toBuffer(buffer).indexOf(value, byfeOffset, encoding)
}

function lastIndexOf(buffer, value, byteOffset, encoding) {
  return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding)
}

function swap16(buffer) {
  return toBuffer(buffer).swap16()
}

function swap32(buffer) {
  return toBuffer(buffer).swap32()
}

function swap64(buffer) {
  return toBuffer(buffer).swap64()
}

function toBuffer(buffer) {
  if (Buffer.isBuffer(buffer)) return buffer
  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function toString(buffer, encoding, start, end) {
  return toBuffer(buffer).toString(encoding, start, end)
}

function toHex(buffer, start, end) {
  return toBuffer(buffer).toString('hex', start, end)
}

function write(buffer, string, offset, length, encoding) {
  return toBuffer(buffer).write(string, offset, length, encoding)
}

function readDoubleBE(buffer, offset) {
  return toBuffer(buffer).readDoubleBE(offset)
}

function readDoubleLE(buffer, offset) {
  return toBuffer(buffer).readDoubleLE(offset)
}

function readFloatBE(buffer, offset) {
  return toBuffer(buffer).readFloatBE(offset)
}

function readFloatLE(buffer, offset) {
  return toBuffer(buffer).readFloatLE(offset)
}

function readInt32BE(buffer, offset) {
  return toBuffer(buffer).readInt32BE(offset)
}

function readInt32LE(buffer, offset) {
  return toBuffer(buffer).readInt32LE(offset)
}

function readUInt32BE(buffer, offset) {
  return toBuffer(buffer).readUInt32BE(offset)
}

function readUInt32LE(buffer, offset) {
  return toBuffer(buffer).readUInt32LE(offset)
}

function writeDoubleBE(buffer, value, offset) {
  return toBuffer(buffer).writeDoubleBE(value, offset)
}

function writeDoubleLE(buffer, value, offset) {
  return toBuffer(buffer).writeDoubleLE(value, offset)
}

function writeFloatBE(buffer, value, offset) {
  return toBuffer(buffer).writeFloatBE(value, offset)
}

function writeFloatLE(buffer, value, offset) {
  return toBuffer(buffer).writeFloatLE(value, offset)
}

function writeInt32BE(buffer, value, offset) {
  return toBuffer(buffer).writeInt32BE(value, offset)
}

function writeInt32LE(buffer, value, offset) {
  return toBuffer(buffer).writeInt32LE(value, offset)
}

function writeUInt32BE(buffer, value, offset) {
  return toBuffer(buffer).writeUInt32BE(value, offset)
}

function writeUInt32LE(buffer, value, offset) {
  return toBuffer(buffer).writeUInt32LE(value, offset)
}

module.exports = {
  isBuffer,
  isEncoding,
  alloc,
  allocUnsafe,
  allocUnsafeSlow,
  byteLength,
  compare,
  concat,
  copy,
  equals,
  fill,
  from,
  includes,
  indexOf,
  lastIndexOf,
  swap16,
  swap32,
  swap64,
  toBuffer,
  toString,
  toHex,
  write,
  readDoubleBE,
  readDoubleLE,
  readFloatBE,
  readFloatLE,
  readInt32BE,
  readInt32LE,
  readUInt32BE,
  readUInt32LE,
  writeDoubleBE,
  writeDoubleLE,
  writeFloatBE,
  writeFloatLE,
  writeInt32BE,
  writeInt32LE,
  writeUInt32BE,
  writeUInt32LE
}


/***/ }),

/***/ 736:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(434)


/***/ }),

/***/ 967:
/***/ ((module) => {

module.exports = class FixedFIFO {
  constructor (hwm) {
    if (!(hwm > 0) || ((hwm - 1) & hwm) !== 0) throw new Error('Max size for a FixedFIFO should be a power of two')
    this.buffer = new Array(hwm)
    this.mask = hwm - 1
    this.top = 0
    this.btm = 0
    this.next = null
  }

  clear () {
    this.top = this.btm = 0
    this.next = null
    this.buffer.fill(undefined)
  }

  push (data) {
    if (this.buffer[this.top] !== undefined) return false
    this.buffer[this.top] = data
    this.top = (this.top + 1) & this.mask
    return true
  }

  shift () {
    const last = this.buffer[this.btm]
    if (last === undefined) return undefined
    this.buffer[this.btm] = undefined
    this.btm = (this.btm + 1) & this.mask
    return last
  }

  peek () {
    return this.buffer[this.btm]
  }

  isEmpty () {
    return this.buffer[this.btm] === undefined
  }
}


/***/ }),

/***/ 927:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const FixedFIFO = __nccwpck_require__(967)

module.exports = class FastFIFO {
  constructor (hwm) {
    this.hwm = hwm || 16
    this.head = new FixedFIFO(this.hwm)
    this.tail = this.head
    this.length = 0
  }

  clear () {
    this.head = this.tail
    this.head.clear()
    this.length = 0
  }

  push (val) {
    this.length++
    if (!this.head.push(val)) {
      const prev = this.head
      this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length)
      this.head.push(val)
    }
  }

  shift () {
    if (this.length !== 0) this.length--
    const val = this.tail.shift()
    if (val === undefined && this.tail.next) {
      const next = this.tail.next
      this.tail.next = null
      this.tail = next
      return this.tail.shift()
    }

    return val
  }

  peek () {
    const val = this.tail.peek()
    if (val === undefined && this.tail.next) return this.tail.next.peek()
    return val
  }

  isEmpty () {
    return this.length === 0
  }
}


/***/ }),

/***/ 845:
/***/ ((module) => {

module.exports = Pend;

function Pend() {
  this.pending = 0;
  this.max = Infinity;
  this.listeners = [];
  this.waiting = [];
  this.error = null;
}

Pend.prototype.go = function(fn) {
  if (this.pending < this.max) {
    pendGo(this, fn);
  } else {
    this.waiting.push(fn);
  }
};

Pend.prototype.wait = function(cb) {
  if (this.pending === 0) {
    cb(this.error);
  } else {
    this.listeners.push(cb);
  }
};

Pend.prototype.hold = function() {
  return pendHold(this);
};

function pendHold(self) {
  self.pending += 1;
  var called = false;
  return onCb;
  function onCb(err) {
    if (called) throw new Error("callback called twice");
    called = true;
    self.error = self.error || err;
    self.pending -= 1;
    if (self.waiting.length > 0 && self.pending < self.max) {
      pendGo(self, self.waiting.shift());
    } else if (self.pending === 0) {
      var listeners = self.listeners;
      self.listeners = [];
      listeners.forEach(cbListener);
    }
  }
  function cbListener(listener) {
    listener(self.error);
  }
}

function pendGo(self, fn) {
  fn(pendHold(self));
}


/***/ }),

/***/ 200:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { EventEmitter } = __nccwpck_require__(736)
const FIFO = __nccwpck_require__(927)
const TextDecoder = __nccwpck_require__(410)

const StreamError = __nccwpck_require__(237)

// if we do a future major, expect queue microtask to be there always, for now a bit defensive
const qmt =
  typeof queueMicrotask === 'undefined' ? (fn) => global.process.nextTick(fn) : queueMicrotask

// 29 bits used total (4 from shared, 14 from read, and 11 from write)
const MAX = (1 << 29) - 1

// Shared state
const OPENING = 0b0001
const PREDESTROYING = 0b0010
const DESTROYING = 0b0100
const DESTROYED = 0b1000

const NOT_OPENING = MAX ^ OPENING
const NOT_PREDESTROYING = MAX ^ PREDESTROYING

// Read state (4 bit offset from shared state)
const READ_ACTIVE = 0b00000000000001 << 4
const READ_UPDATING = 0b00000000000010 << 4
const READ_PRIMARY = 0b00000000000100 << 4
const READ_QUEUED = 0b00000000001000 << 4
const READ_RESUMED = 0b00000000010000 << 4
const READ_PIPE_DRAINED = 0b00000000100000 << 4
const READ_ENDING = 0b00000001000000 << 4
const READ_EMIT_DATA = 0b00000010000000 << 4
const READ_EMIT_READABLE = 0b00000100000000 << 4
const READ_EMITTED_READABLE = 0b00001000000000 << 4
const READ_DONE = 0b00010000000000 << 4
const READ_NEXT_TICK = 0b00100000000000 << 4
const READ_NEEDS_PUSH = 0b01000000000000 << 4
const READ_READ_AHEAD = 0b10000000000000 << 4

// Combined read state
const READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED
const READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH
const READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE
const READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED
const READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD

const READ_NOT_ACTIVE = MAX ^ READ_ACTIVE
const READ_NON_PRIMARY = MAX ^ READ_PRIMARY
const READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH)
const READ_PUSHED = MAX ^ READ_NEEDS_PUSH
const READ_PAUSED = MAX ^ READ_RESUMED
const READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE)
const READ_NOT_ENDING = MAX ^ READ_ENDING
const READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING
const READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK
const READ_NOT_UPDATING = MAX ^ READ_UPDATING
const READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD
const READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD

// Write state (18 bit offset, 4 bit offset from shared state and 14 from read state)
const WRITE_ACTIVE = 0b00000000001 << 18
const WRITE_UPDATING = 0b00000000010 << 18
const WRITE_PRIMARY = 0b00000000100 << 18
const WRITE_QUEUED = 0b00000001000 << 18
const WRITE_UNDRAINED = 0b00000010000 << 18
const WRITE_DONE = 0b00000100000 << 18
const WRITE_EMIT_DRAIN = 0b00001000000 << 18
const WRITE_NEXT_TICK = 0b00010000000 << 18
const WRITE_WRITING = 0b00100000000 << 18
const WRITE_FINISHING = 0b01000000000 << 18
const WRITE_CORKED = 0b10000000000 << 18

const WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING)
const WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY
const WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING)
const WRITE_DRAINED = MAX ^ WRITE_UNDRAINED
const WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED
const WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK
const WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING
const WRITE_NOT_CORKED = MAX ^ WRITE_CORKED

// Combined shared state
const ACTIVE = READ_ACTIVE | WRITE_ACTIVE
const NOT_ACTIVE = MAX ^ ACTIVE
const DONE = READ_DONE | WRITE_DONE
const DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING
const OPEN_STATUS = DESTROY_STATUS | OPENING
const AUTO_DESTROY = DESTROY_STATUS | DONE
const NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY
const ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK
const TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE
const IS_OPENING = OPEN_STATUS | TICKING

// Combined shared state and read state
const READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE
const READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED
const READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED
const READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE
const SHOULD_NOT_READ =
  OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD
const READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE
const READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY
const READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING

// Combined write state
const WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE
const WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED
const WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE
const WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE
const WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED
const WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE
const WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING
const WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE
const WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE
const WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY
const WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS

const asyncIterator = Symbol.asyncIterator || Symbol('asyncIterator')

class WritableState {
  constructor(
    stream,
    { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}
  ) {
    this.stream = stream
    this.queue = new FIFO()
    this.highWaterMark = highWaterMark
    this.buffered = 0
    this.error = null
    this.pipeline = null
    this.drains = null // if we add more seldomly used helpers we might them into a subobject so its a single ptr
    this.byteLength = byteLengthWritable || byteLength || defaultByteLength
    this.map = mapWritable || map
    this.afterWrite = afterWrite.bind(this)
    this.afterUpdateNextTick = updateWriteNT.bind(this)
  }

  get ending() {
    return (this.stream._duplexState & WRITE_FINISHING) !== 0
  }

  get ended() {
    return (this.stream._duplexState & WRITE_DONE) !== 0
  }

  push(data) {
    if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false
    if (this.map !== null) data = this.map(data)

    this.buffered += this.byteLength(data)
    this.queue.push(data)

    if (this.buffered < this.highWaterMark) {
      this.stream._duplexState |= WRITE_QUEUED
      return true
    }

    this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED
    return false
  }

  shift() {
    const data = this.queue.shift()

    this.buffered -= this.byteLength(data)
    if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED

    return data
  }

  end(data) {
    if (typeof data === 'function') {
      this.stream.once('finish', data)
    } else if (data !== undefined && data !== null) {
      this.push(data)
    }

    this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY
  }

  autoBatch(data, cb) {
    const buffer = []
    const stream = this.stream

    buffer.push(data)
    while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
      buffer.push(stream._writableState.shift())
    }

    if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null)
    stream._writev(buffer, cb)
  }

  update() {
    const stream = this.stream

    stream._duplexState |= WRITE_UPDATING

    do {
      while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
        const data = this.shift()
        stream._duplexState |= WRITE_ACTIVE_AND_WRITING
        stream._write(data, this.afterWrite)
      }

      if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary()
    } while (this.continueUpdate() === true)

    stream._duplexState &= WRITE_NOT_UPDATING
  }

  updateNonPrimary() {
    const stream = this.stream

    if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
      stream._duplexState = stream._duplexState | WRITE_ACTIVE
      stream._final(afterFinal.bind(this))
      return
    }

    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
        stream._duplexState |= ACTIVE
        stream._destroy(afterDestroy.bind(this))
      }
      return
    }

    if ((stream._duplexState & IS_OPENING) === OPENING) {
      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING
      stream._open(afterOpen.bind(this))
    }
  }

  continueUpdate() {
    if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false
    this.stream._duplexState &= WRITE_NOT_NEXT_TICK
    return true
  }

  updateCallback() {
    if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
      this.update()
    } else {
      this.updateNextTick()
    }
  }

  updateNextTick() {
    if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return
    this.stream._duplexState |= WRITE_NEXT_TICK
    if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }
}

class ReadableState {
  constructor(
    stream,
    { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}
  ) {
    this.stream = stream
    this.queue = new FIFO()
    this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark
    this.buffered = 0
    this.readAhead = highWaterMark > 0
    this.error = null
    this.pipeline = null
    this.byteLength = byteLengthReadable || byteLength || defaultByteLength
    this.map = mapReadable || map
    this.pipeTo = null
    this.afterRead = afterRead.bind(this)
    this.afterUpdateNextTick = updateReadNT.bind(this)
  }

  get ending() {
    return (this.stream._duplexState & READ_ENDING) !== 0
  }

  get ended() {
    return (this.stream._duplexState & READ_DONE) !== 0
  }

  pipe(pipeTo, cb) {
    if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT('Can only pipe to one destination')
    if (typeof cb !== 'function') cb = null

    this.stream._duplexState |= READ_PIPE_DRAINED
    this.pipeTo = pipeTo
    this.pipeline = new Pipeline(this.stream, pipeTo, cb)

    if (cb) this.stream.on('error', noop) // We already error handle this so supress crashes

    if (isStreamx(pipeTo)) {
      pipeTo._writableState.pipeline = this.pipeline
      if (cb) pipeTo.on('error', noop) // We already error handle this so supress crashes
      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline)) // TODO: just call finished from pipeTo itself
    } else {
      const onerror = this.pipeline.done.bind(this.pipeline, pipeTo)
      const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null) // onclose has a weird bool arg
      pipeTo.on('error', onerror)
      pipeTo.on('close', onclose)
      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline))
    }

    pipeTo.on('drain', afterDrain.bind(this))
    this.stream.emit('piping', pipeTo)
    pipeTo.emit('pipe', this.stream)
  }

  push(data) {
    const stream = this.stream

    if (data === null) {
      this.highWaterMark = 0
      stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED
      return false
    }

    if (this.map !== null) {
      data = this.map(data)
      if (data === null) {
        stream._duplexState &= READ_PUSHED
        return this.buffered < this.highWaterMark
      }
    }

    this.buffered += this.byteLength(data)
    this.queue.push(data)

    stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED

    return this.buffered < this.highWaterMark
  }

  shift() {
    const data = this.queue.shift()

    this.buffered -= this.byteLength(data)
    if (this.buffered === 0) {
      this.stream._duplexState &= READ_NOT_QUEUED
    }

    return data
  }

  unshift(data) {
    const pending = [this.map !== null ? this.map(data) : data]
    while (this.buffered > 0) pending.push(this.shift())

    for (let i = 0; i < pending.length - 1; i++) {
      const data = pending[i]
      this.buffered += this.byteLength(data)
      this.queue.push(data)
    }

    this.push(pending[pending.length - 1])
  }

  read() {
    const stream = this.stream

    if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
      const data = this.shift()

      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
        stream._duplexState &= READ_PIPE_NOT_DRAINED
      }

      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
        stream.emit('data', data)
      }

      return data
    }

    if (this.readAhead === false) {
      stream._duplexState |= READ_READ_AHEAD
      this.updateNextTick()
    }

    return null
  }

  drain() {
    const stream = this.stream

    while (
      (stream._duplexState & READ_STATUS) === READ_QUEUED &&
      (stream._duplexState & READ_FLOWING) !== 0
    ) {
      const data = this.shift()

      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
        stream._duplexState &= READ_PIPE_NOT_DRAINED
      }

      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
        stream.emit('data', data)
      }
    }
  }

  update() {
    const stream = this.stream

    stream._duplexState |= READ_UPDATING

    do {
      this.drain()

      while (
        this.buffered < this.highWaterMark &&
        (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD
      ) {
        stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH
        stream._read(this.afterRead)
        this.drain()
      }

      if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
        stream._duplexState |= READ_EMITTED_READABLE
        stream.emit('readable')
      }

      if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
        this.updateNonPrimary()
      }
    } while (this.continueUpdate() === true)

    stream._duplexState &= READ_NOT_UPDATING
  }

  updateNonPrimary() {
    const stream = this.stream

    if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
      stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING
      stream.emit('end')

      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING
      }

      if (this.pipeTo !== null) {
        this.pipeTo.end()
      }
    }

    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
        stream._duplexState |= ACTIVE
        stream._destroy(afterDestroy.bind(this))
      }
      return
    }

    if ((stream._duplexState & IS_OPENING) === OPENING) {
      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING
      stream._open(afterOpen.bind(this))
    }
  }

  continueUpdate() {
    if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false
    this.stream._duplexState &= READ_NOT_NEXT_TICK
    return true
  }

  updateCallback() {
    if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
      this.update()
    } else {
      this.updateNextTick()
    }
  }

  updateNextTickIfOpen() {
    if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return
    this.stream._duplexState |= READ_NEXT_TICK
    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }

  updateNextTick() {
    if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return
    this.stream._duplexState |= READ_NEXT_TICK
    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick)
  }
}

class TransformState {
  constructor(stream) {
    this.data = null
    this.afterTransform = afterTransform.bind(stream)
    this.afterFinal = null
  }
}

class Pipeline {
  constructor(src, dst, cb) {
    this.from = src
    this.to = dst
    this.afterPipe = cb
    this.error = null
    this.pipeToFinished = false
  }

  finished() {
    this.pipeToFinished = true
  }

  done(stream, err) {
    if (err) this.error = err

    if (stream === this.to) {
      this.to = null

      if (this.from !== null) {
        if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
          this.from.destroy(this.error || StreamError.PREMATURE_CLOSE('Writable stream closed'))
        }
        return
      }
    }

    if (stream === this.from) {
      this.from = null

      if (this.to !== null) {
        if ((stream._duplexState & READ_DONE) === 0) {
          this.to.destroy(this.error || StreamError.PREMATURE_CLOSE('Readable stream closed'))
        }
        return
      }
    }

    if (this.afterPipe !== null) this.afterPipe(this.error)
    this.to = this.from = this.afterPipe = null
  }
}

function afterDrain() {
  this.stream._duplexState |= READ_PIPE_DRAINED
  this.updateCallback()
}

function afterFinal(err) {
  const stream = this.stream
  if (err) stream.destroy(err)

  if ((stream._duplexState & DESTROY_STATUS) === 0) {
    stream._duplexState |= WRITE_DONE
    stream.emit('finish')
  }

  if ((stream._duplexState & AUTO_DESTROY) === DONE) {
    stream._duplexState |= DESTROYING
  }

  stream._duplexState &= WRITE_NOT_FINISHING

  // no need to wait the extra tick here, so we short circuit that
  if ((stream._duplexState & WRITE_UPDATING) === 0) {
    this.update()
  } else {
    this.updateNextTick()
  }
}

function afterDestroy(err) {
  const stream = this.stream

  if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error
  if (err) stream.emit('error', err)

  stream._duplexState |= DESTROYED
  stream.emit('close')

  const rs = stream._readableState
  const ws = stream._writableState

  if (rs !== null && rs.pipeline !== null) {
    rs.pipeline.done(stream, err)
  }

  if (ws !== null) {
    while (ws.drains !== null && ws.drains.length > 0) {
      ws.drains.shift().resolve(false)
    }

    if (ws.pipeline !== null) {
      ws.pipeline.done(stream, err)
    }
  }
}

function afterWrite(err) {
  const stream = this.stream

  if (err) stream.destroy(err)
  stream._duplexState &= WRITE_NOT_ACTIVE

  if (this.drains !== null) tickDrains(this.drains)

  if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
    stream._duplexState &= WRITE_DRAINED

    if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
      stream.emit('drain')
    }
  }

  this.updateCallback()
}

function afterRead(err) {
  if (err) this.stream.destroy(err)
  this.stream._duplexState &= READ_NOT_ACTIVE

  if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
    this.stream._duplexState &= READ_NO_READ_AHEAD
  }

  this.updateCallback()
}

function updateReadNT() {
  if ((this.stream._duplexState & READ_UPDATING) === 0) {
    this.stream._duplexState &= READ_NOT_NEXT_TICK
    this.update()
  }
}

function updateWriteNT() {
  if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
    this.stream._duplexState &= WRITE_NOT_NEXT_TICK
    this.update()
  }
}

function tickDrains(drains) {
  for (let i = 0; i < drains.length; i++) {
    // drains.writes are monotonic, so if one is 0 its always the first one
    if (--drains[i].writes === 0) {
      drains.shift().resolve(true)
      i--
    }
  }
}

function afterOpen(err) {
  const stream = this.stream

  if (err) stream.destroy(err)

  if ((stream._duplexState & DESTROYING) === 0) {
    if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
      stream._duplexState |= READ_PRIMARY
    }

    if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
      stream._duplexState |= WRITE_PRIMARY
    }

    stream.emit('open')
  }

  stream._duplexState &= NOT_ACTIVE

  if (stream._writableState !== null) {
    stream._writableState.updateCallback()
  }

  if (stream._readableState !== null) {
    stream._readableState.updateCallback()
  }
}

function afterTransform(err, data) {
  if (data !== undefined && data !== null) this.push(data)
  this._writableState.afterWrite(err)
}

function newListener(name) {
  if (this._readableState !== null) {
    if (name === 'data') {
      this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD
      this._readableState.updateNextTick()
    }
    if (name === 'readable') {
      this._duplexState |= READ_EMIT_READABLE
      this._readableState.updateNextTick()
    }
  }

  if (this._writableState !== null) {
    if (name === 'drain') {
      this._duplexState |= WRITE_EMIT_DRAIN
      this._writableState.updateNextTick()
    }
  }
}

class Stream extends EventEmitter {
  constructor(opts) {
    super()

    this._duplexState = 0
    this._readableState = null
    this._writableState = null

    if (opts) {
      if (opts.open) this._open = opts.open
      if (opts.destroy) this._destroy = opts.destroy
      if (opts.predestroy) this._predestroy = opts.predestroy
      if (opts.signal) opts.signal.addEventListener('abort', abort.bind(this))
    }

    this.on('newListener', newListener)
  }

  _open(cb) {
    cb(null)
  }

  _destroy(cb) {
    cb(null)
  }

  _predestroy() {
    // does nothing
  }

  get readable() {
    return this._readableState !== null ? true : undefined
  }

  get writable() {
    return this._writableState !== null ? true : undefined
  }

  get destroyed() {
    return (this._duplexState & DESTROYED) !== 0
  }

  get destroying() {
    return (this._duplexState & DESTROY_STATUS) !== 0
  }

  destroy(err) {
    if ((this._duplexState & DESTROY_STATUS) === 0) {
      if (!err) err = StreamError.STREAM_DESTROYED()
      this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY

      if (this._readableState !== null) {
        this._readableState.highWaterMark = 0
        this._readableState.error = err
      }

      if (this._writableState !== null) {
        this._writableState.highWaterMark = 0
        this._writableState.error = err
      }

      this._duplexState |= PREDESTROYING
      this._predestroy()
      this._duplexState &= NOT_PREDESTROYING

      if (this._readableState !== null) {
        this._readableState.updateNextTick()
      }

      if (this._writableState !== null) {
        this._writableState.updateNextTick()
      }
    }
  }
}

class Readable extends Stream {
  constructor(opts) {
    super(opts)

    this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD
    this._readableState = new ReadableState(this, opts)

    if (opts) {
      if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD
      if (opts.read) this._read = opts.read
      if (opts.eagerOpen) this._readableState.updateNextTick()
      if (opts.encoding) this.setEncoding(opts.encoding)
    }
  }

  static deferred(fn, opts) {
    const out = new PassThrough(opts)

    fn()
      .then((src) => {
        if (src === null) return out.end()
        if (out.destroying) return
        pipeline(src, out, noop)
      })
      .catch((err) => out.destroy(err))

    return out
  }

  setEncoding(encoding) {
    const dec = new TextDecoder(encoding)
    const map = this._readableState.map || echo
    this._readableState.map = mapOrSkip
    return this

    function mapOrSkip(data) {
      const next = dec.push(data)
      return next === '' && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next)
    }
  }

  _read(cb) {
    cb(null)
  }

  pipe(dest, cb) {
    this._readableState.updateNextTick()
    this._readableState.pipe(dest, cb)
    return dest
  }

  read() {
    this._readableState.updateNextTick()
    return this._readableState.read()
  }

  push(data) {
    this._readableState.updateNextTickIfOpen()
    return this._readableState.push(data)
  }

  unshift(data) {
    this._readableState.updateNextTickIfOpen()
    return this._readableState.unshift(data)
  }

  resume() {
    this._duplexState |= READ_RESUMED_READ_AHEAD
    this._readableState.updateNextTick()
    return this
  }

  pause() {
    this._duplexState &=
      this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED
    return this
  }

  static _fromAsyncIterator(ite, opts) {
    let destroy

    const rs = new Readable({
      ...opts,
      read(cb) {
        ite.next().then(push).then(cb.bind(null, null)).catch(cb)
      },
      predestroy() {
        destroy = ite.return()
      },
      destroy(cb) {
        if (!destroy) return cb(null)
        destroy.then(cb.bind(null, null)).catch(cb)
      }
    })

    return rs

    function push(data) {
      if (data.done) rs.push(null)
      else rs.push(data.value)
    }
  }

  static from(data, opts) {
    if (isReadStreamx(data)) return data
    if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts)
    if (!Array.isArray(data)) data = data === undefined ? [] : [data]

    let i = 0
    return new Readable({
      ...opts,
      read(cb) {
        this.push(i === data.length ? null : data[i++])
        cb(null)
      }
    })
  }

  static isBackpressured(rs) {
    return (
      (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 ||
      rs._readableState.buffered >= rs._readableState.highWaterMark
    )
  }

  static isPaused(rs) {
    return (rs._duplexState & READ_RESUMED) === 0
  }

  [asyncIterator]() {
    const stream = this

    let error = null
    let promiseResolve = null
    let promiseReject = null

    this.on('error', (err) => {
      error = err
    })
    this.on('readable', onreadable)
    this.on('close', onclose)

    return {
      [asyncIterator]() {
        return this
      },
      next() {
        return new Promise(function (resolve, reject) {
          promiseResolve = resolve
          promiseReject = reject
          const data = stream.read()
          if (data !== null) ondata(data)
          else if ((stream._duplexState & DESTROYED) !== 0) ondata(null)
        })
      },
      return() {
        return destroy(null)
      },
      throw(err) {
        return destroy(err)
      }
    }

    function onreadable() {
      if (promiseResolve !== null) ondata(stream.read())
    }

    function onclose() {
      if (promiseResolve !== null) ondata(null)
    }

    function ondata(data) {
      if (promiseReject === null) return
      if (error) {
        promiseReject(error)
      } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
        promiseReject(StreamError.STREAM_DESTROYED())
      } else {
        promiseResolve({ value: data, done: data === null })
      }
      promiseReject = promiseResolve = null
    }

    function destroy(err) {
      stream.destroy(err)
      return new Promise((resolve, reject) => {
        if (stream._duplexState & DESTROYED) return resolve({ value: undefined, done: true })
        stream.once('close', function () {
          if (err) reject(err)
          else resolve({ value: undefined, done: true })
        })
      })
    }
  }
}

class Writable extends Stream {
  constructor(opts) {
    super(opts)

    this._duplexState |= OPENING | READ_DONE
    this._writableState = new WritableState(this, opts)

    if (opts) {
      if (opts.writev) this._writev = opts.writev
      if (opts.write) this._write = opts.write
      if (opts.final) this._final = opts.final
      if (opts.eagerOpen) this._writableState.updateNextTick()
    }
  }

  cork() {
    this._duplexState |= WRITE_CORKED
  }

  uncork() {
    this._duplexState &= WRITE_NOT_CORKED
    this._writableState.updateNextTick()
  }

  _writev(batch, cb) {
    cb(null)
  }

  _write(data, cb) {
    this._writableState.autoBatch(data, cb)
  }

  _final(cb) {
    cb(null)
  }

  static isBackpressured(ws) {
    return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0
  }

  static drained(ws) {
    if (ws.destroyed) return Promise.resolve(false)

    const state = ws._writableState
    const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length
    const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0)
    if (writes === 0) return Promise.resolve(true)

    if (state.drains === null) state.drains = []
    return new Promise((resolve) => {
      state.drains.push({ writes, resolve })
    })
  }

  write(data) {
    this._writableState.updateNextTick()
    return this._writableState.push(data)
  }

  end(data) {
    this._writableState.updateNextTick()
    this._writableState.end(data)
    return this
  }
}

class Duplex extends Readable {
  // and Writable
  constructor(opts) {
    super(opts)

    this._duplexState = OPENING | (this._duplexState & READ_READ_AHEAD)
    this._writableState = new WritableState(this, opts)

    if (opts) {
      if (opts.writev) this._writev = opts.writev
      if (opts.write) this._write = opts.write
      if (opts.final) this._final = opts.final
    }
  }

  cork() {
    this._duplexState |= WRITE_CORKED
  }

  uncork() {
    this._duplexState &= WRITE_NOT_CORKED
    this._writableState.updateNextTick()
  }

  _writev(batch, cb) {
    cb(null)
  }

  _write(data, cb) {
    this._writableState.autoBatch(data, cb)
  }

  _final(cb) {
    cb(null)
  }

  write(data) {
    this._writableState.updateNextTick()
    return this._writableState.push(data)
  }

  end(data) {
    this._writableState.updateNextTick()
    this._writableState.end(data)
    return this
  }
}

class Transform extends Duplex {
  constructor(opts) {
    super(opts)
    this._transformState = new TransformState(this)

    if (opts) {
      if (opts.transform) this._transform = opts.transform
      if (opts.flush) this._flush = opts.flush
    }
  }

  _write(data, cb) {
    if (this._readableState.buffered >= this._readableState.highWaterMark) {
      this._transformState.data = data
    } else {
      this._transform(data, this._transformState.afterTransform)
    }
  }

  _read(cb) {
    if (this._transformState.data !== null) {
      const data = this._transformState.data
      this._transformState.data = null
      cb(null)
      this._transform(data, this._transformState.afterTransform)
    } else {
      cb(null)
    }
  }

  destroy(err) {
    super.destroy(err)
    if (this._transformState.data !== null) {
      this._transformState.data = null
      this._transformState.afterTransform()
    }
  }

  _transform(data, cb) {
    cb(null, data)
  }

  _flush(cb) {
    cb(null)
  }

  _final(cb) {
    this._transformState.afterFinal = cb
    this._flush(transformAfterFlush.bind(this))
  }
}

class PassThrough extends Transform {}

function transformAfterFlush(err, data) {
  const cb = this._transformState.afterFinal
  if (err) return cb(err)

  if (data !== null && data !== undefined) this.push(data)
  this.push(null)
  cb(null)
}

function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    return pipeline(...streams, (err) => {
      if (err) return reject(err)
      resolve()
    })
  })
}

function pipeline(stream, ...streams) {
  const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams]
  const done = all.length && typeof all[all.length - 1] === 'function' ? all.pop() : null

  if (all.length < 2) throw StreamError.BAD_ARGUMENT('Pipeline requires at least 2 streams')

  let src = all[0]
  let dest = null
  let error = null

  for (let i = 1; i < all.length; i++) {
    dest = all[i]

    if (isStreamx(src)) {
      src.pipe(dest, onerror)
    } else {
      errorHandle(src, true, i > 1, onerror)
      src.pipe(dest)
    }

    src = dest
  }

  if (done) {
    let fin = false

    const autoDestroy =
      isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy)

    dest.on('error', (err) => {
      if (error === null) error = err
    })

    dest.on('finish', () => {
      fin = true
      if (!autoDestroy) done(error)
    })

    if (autoDestroy) {
      dest.on('close', () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())))
    }
  }

  return dest

  function errorHandle(s, rd, wr, onerror) {
    s.on('error', onerror)
    s.on('close', onclose)

    function onclose() {
      if (rd && s._readableState && !s._readableState.ended) {
        return onerror(StreamError.PREMATURE_CLOSE())
      }
      if (wr && s._writableState && !s._writableState.ended) {
        return onerror(StreamError.PREMATURE_CLOSE())
      }
    }
  }

  function onerror(err) {
    if (!err || error) return
    error = err

    for (const s of all) {
      s.destroy(err)
    }
  }
}

function echo(s) {
  return s
}

function isStream(stream) {
  return !!stream._readableState || !!stream._writableState
}

function isStreamx(stream) {
  return typeof stream._duplexState === 'number' && isStream(stream)
}

function isEnding(stream) {
  return !!stream._readableState && stream._readableState.ending
}

function isEnded(stream) {
  return !!stream._readableState && stream._readableState.ended
}

function isFinishing(stream) {
  return !!stream._writableState && stream._writableState.ending
}

function isFinished(stream) {
  return !!stream._writableState && stream._writableState.ended
}

function getStreamError(stream, opts = {}) {
  const err =
    (stream._readableState && stream._readableState.error) ||
    (stream._writableState && stream._writableState.error)

  // avoid implicit errors by default
  return !opts.all && StreamError.isStreamDestroyed(err) ? null : err
}

function isReadStreamx(stream) {
  return isStreamx(stream) && stream.readable
}

function isDisturbed(stream) {
  return (
    (stream._duplexState & OPENING) !== OPENING ||
    (stream._duplexState & DESTROYING) === DESTROYING ||
    (stream._duplexState & ACTIVE_OR_TICKING) !== 0
  )
}

function isTypedArray(data) {
  return typeof data === 'object' && data !== null && typeof data.byteLength === 'number'
}

function defaultByteLength(data) {
  return isTypedArray(data) ? data.byteLength : 1024
}

function noop() {}

function abort() {
  this.destroy(StreamError.ABORTED())
}

function isWritev(s) {
  return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev
}

module.exports = {
  pipeline,
  pipelinePromise,
  isStream,
  isStreamx,
  isEnding,
  isEnded,
  isFinishing,
  isFinished,
  isDisturbed,
  getStreamError,
  Stream,
  Writable,
  Readable,
  Duplex,
  Transform,
  // Export PassThrough for compatibility with Node.js core's stream module
  PassThrough
}


/***/ }),

/***/ 237:
/***/ ((module) => {

module.exports = class StreamError extends Error {
  constructor(msg, code, fn = StreamError) {
    super(msg)

    this.code = code

    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, fn)
    }
  }

  static isStreamDestroyed(err) {
    return err && err.code === 'STREAM_DESTROYED'
  }

  static isPrematureClose(err) {
    return err && err.code === 'PREMATURE_CLOSE'
  }

  static isAborted(err) {
    return err && err.code === 'ABORTED'
  }

  static isBadArgument(err) {
    return err && err.code === 'BAD_ARGUMENT'
  }

  get name() {
    return 'StreamError'
  }

  static STREAM_DESTROYED() {
    return new StreamError('Stream was destroyed', 'STREAM_DESTROYED', StreamError.STREAM_DESTROYED)
  }

  static PREMATURE_CLOSE(msg = 'Premature close') {
    return new StreamError(msg, 'PREMATURE_CLOSE', StreamError.PREMATURE_CLOSE)
  }

  static ABORTED() {
    return new StreamError('Stream aborted', 'ABORTED', StreamError.ABORTED)
  }

  static BAD_ARGUMENT(msg = 'Bad argument') {
    return new StreamError(msg, 'BAD_ARGUMENT', StreamError.BAD_ARGUMENT)
  }
}


/***/ }),

/***/ 531:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const constants = { // just for envs without fs
  S_IFMT: 61440,
  S_IFDIR: 16384,
  S_IFCHR: 8192,
  S_IFBLK: 24576,
  S_IFIFO: 4096,
  S_IFLNK: 40960
}

try {
  module.exports = (__nccwpck_require__(896).constants) || constants
} catch {
  module.exports = constants
}


/***/ }),

/***/ 919:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { Writable, Readable, getStreamError } = __nccwpck_require__(200)
const FIFO = __nccwpck_require__(927)
const b4a = __nccwpck_require__(173)
const headers = __nccwpck_require__(472)

const EMPTY = b4a.alloc(0)
const MAX_HEADER_SIZE = 4 * 1024 * 1024 // arbitrary big number

class BufferList {
  constructor () {
    this.buffered = 0
    this.shifted = 0
    this.queue = new FIFO()

    this._offset = 0
  }

  push (buffer) {
    this.buffered += buffer.byteLength
    this.queue.push(buffer)
  }

  shiftFirst (size) {
    return this.buffered === 0 ? null : this._next(size)
  }

  shift (size) {
    if (size > this.buffered) return null
    if (size === 0) return EMPTY

    let chunk = this._next(size)

    if (size === chunk.byteLength) return chunk // likely case

    const chunks = [chunk]

    while ((size -= chunk.byteLength) > 0) {
      chunk = this._next(size)
      chunks.push(chunk)
    }

    return b4a.concat(chunks)
  }

  _next (size) {
    const buf = this.queue.peek()
    const rem = buf.byteLength - this._offset

    if (size >= rem) {
      const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf
      this.queue.shift()
      this._offset = 0
      this.buffered -= rem
      this.shifted += rem
      return sub
    }

    this.buffered -= size
    this.shifted += size

    return buf.subarray(this._offset, (this._offset += size))
  }
}

class Source extends Readable {
  constructor (self, header, offset) {
    super()

    this.header = header
    this.offset = offset

    this._parent = self
  }

  _read (cb) {
    if (this.header.size === 0) {
      this.push(null)
    }
    if (this._parent._stream === this) {
      this._parent._update()
    }
    cb(null)
  }

  _predestroy () {
    this._parent.destroy(getStreamError(this))
  }

  _detach () {
    if (this._parent._stream === this) {
      this._parent._stream = null
      this._parent._missing = overflow(this.header.size)
      this._parent._update()
    }
  }

  _destroy (cb) {
    this._detach()
    cb(null)
  }
}

class Extract extends Writable {
  constructor (opts) {
    super(opts)

    if (!opts) opts = {}

    this._buffer = new BufferList()
    this._offset = 0
    this._header = null
    this._stream = null
    this._missing = 0
    this._longHeader = false
    this._callback = noop
    this._locked = false
    this._finished = false
    this._pax = null
    this._paxGlobal = null
    this._gnuLongPath = null
    this._gnuLongLinkPath = null
    this._filenameEncoding = opts.filenameEncoding || 'utf-8'
    this._allowUnknownFormat = !!opts.allowUnknownFormat
    this._unlockBound = this._unlock.bind(this)
  }

  _unlock (err) {
    this._locked = false

    if (err) {
      this.destroy(err)
      this._continueWrite(err)
      return
    }

    this._update()
  }

  _consumeHeader () {
    if (this._locked) return false

    this._offset = this._buffer.shifted

    try {
      this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat)
    } catch (err) {
      this._continueWrite(err)
      return false
    }

    if (!this._header) return true

    this._header.byteOffset = this._buffer.shifted

    switch (this._header.type) {
      case 'gnu-long-path':
      case 'gnu-long-link-path':
      case 'pax-global-header':
      case 'pax-header':
        this._longHeader = true
        this._missing = this._header.size
        if (this._missing > MAX_HEADER_SIZE) {
          this._continueWrite(new Error('Header exceeds max size'))
          return false
        }
        return true
    }

    this._locked = true
    this._applyLongHeaders()

    if (!(this._header.size >= 0)) {
      this._continueWrite(new Error('Invalid header'))
      return false
    }

    if (this._header.size === 0 || this._header.type === 'directory') {
      this.emit('entry', this._header, this._createStream(), this._unlockBound)
      return true
    }

    this._stream = this._createStream()
    this._missing = this._header.size

    this.emit('entry', this._header, this._stream, this._unlockBound)
    return true
  }

  _applyLongHeaders () {
    if (this._gnuLongPath) {
      this._header.name = this._gnuLongPath
      this._gnuLongPath = null
    }

    if (this._gnuLongLinkPath) {
      this._header.linkname = this._gnuLongLinkPath
      this._gnuLongLinkPath = null
    }

    if (this._pax) {
      if (this._pax.path) this._header.name = this._pax.path
      if (this._pax.linkpath) this._header.linkname = this._pax.linkpath
      if (this._pax.size) this._header.size = parseInt(this._pax.size, 10)
      this._header.pax = this._pax
      this._pax = null
    }
  }

  _decodeLongHeader (buf) {
    switch (this._header.type) {
      case 'gnu-long-path':
        this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding)
        break
      case 'gnu-long-link-path':
        this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding)
        break
      case 'pax-global-header':
        this._paxGlobal = headers.decodePax(buf)
        break
      case 'pax-header':
        this._pax = this._paxGlobal === null
          ? headers.decodePax(buf)
          : Object.assign({}, this._paxGlobal, headers.decodePax(buf))
        break
    }
  }

  _consumeLongHeader () {
    this._longHeader = false
    this._missing = overflow(this._header.size)

    const buf = this._buffer.shift(this._header.size)

    try {
      this._decodeLongHeader(buf)
    } catch (err) {
      this._continueWrite(err)
      return false
    }

    return true
  }

  _consumeStream () {
    const buf = this._buffer.shiftFirst(this._missing)
    if (buf === null) return false

    this._missing -= buf.byteLength
    const drained = this._stream.push(buf)

    if (this._missing === 0) {
      this._stream.push(null)
      if (drained) this._stream._detach()
      return drained && this._locked === false
    }

    return drained
  }

  _createStream () {
    return new Source(this, this._header, this._offset)
  }

  _update () {
    while (this._buffer.buffered > 0 && !this.destroying) {
      if (this._missing > 0) {
        if (this._stream !== null) {
          if (this._consumeStream() === false) return
          continue
        }

        if (this._longHeader === true) {
          if (this._missing > this._buffer.buffered) break
          if (this._consumeLongHeader() === false) return false
          continue
        }

        const ignore = this._buffer.shiftFirst(this._missing)
        if (ignore !== null) this._missing -= ignore.byteLength
        continue
      }

      if (this._buffer.buffered < 512) break
      if (this._stream !== null || this._consumeHeader() === false) return
    }

    this._continueWrite(null)
  }

  _continueWrite (err) {
    const cb = this._callback
    this._callback = noop
    cb(err)
  }

  _write (data, cb) {
    this._callback = cb
    this._buffer.push(data)
    this._update()
  }

  _final (cb) {
    this._finished = this._missing === 0 && this._buffer.buffered === 0
    cb(this._finished ? null : new Error('Unexpected end of data'))
  }

  _predestroy () {
    this._continueWrite(null)
  }

  _destroy (cb) {
    if (this._stream) this._stream.destroy(getStreamError(this))
    cb(null)
  }

  [Symbol.asyncIterator] () {
    let error = null

    let promiseResolve = null
    let promiseReject = null

    let entryStream = null
    let entryCallback = null

    const extract = this

    this.on('entry', onentry)
    this.on('error', (err) => { error = err })
    this.on('close', onclose)

    return {
      [Symbol.asyncIterator] () {
        return this
      },
      next () {
        return new Promise(onnext)
      },
      return () {
        return destroy(null)
      },
      throw (err) {
        return destroy(err)
      }
    }

    function consumeCallback (err) {
      if (!entryCallback) return
      const cb = entryCallback
      entryCallback = null
      cb(err)
    }

    function onnext (resolve, reject) {
      if (error) {
        return reject(error)
      }

      if (entryStream) {
        resolve({ value: entryStream, done: false })
        entryStream = null
        return
      }

      promiseResolve = resolve
      promiseReject = reject

      consumeCallback(null)

      if (extract._finished && promiseResolve) {
        promiseResolve({ value: undefined, done: true })
        promiseResolve = promiseReject = null
      }
    }

    function onentry (header, stream, callback) {
      entryCallback = callback
      stream.on('error', noop) // no way around this due to tick sillyness

      if (promiseResolve) {
        promiseResolve({ value: stream, done: false })
        promiseResolve = promiseReject = null
      } else {
        entryStream = stream
      }
    }

    function onclose () {
      consumeCallback(error)
      if (!promiseResolve) return
      if (error) promiseReject(error)
      else promiseResolve({ value: undefined, done: true })
      promiseResolve = promiseReject = null
    }

    function destroy (err) {
      extract.destroy(err)
      consumeCallback(err)
      return new Promise((resolve, reject) => {
        if (extract.destroyed) return resolve({ value: undefined, done: true })
        extract.once('close', function () {
          if (err) reject(err)
          else resolve({ value: undefined, done: true })
        })
      })
    }
  }
}

module.exports = function extract (opts) {
  return new Extract(opts)
}

function noop () {}

function overflow (size) {
  size &= 511
  return size && 512 - size
}


/***/ }),

/***/ 472:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(173)

const ZEROS = '0000000000000000000'
const SEVENS = '7777777777777777777'
const ZERO_OFFSET = '0'.charCodeAt(0)
const USTAR_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x00]) // ustar\x00
const USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET])
const GNU_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x20]) // ustar\x20
const GNU_VER = b4a.from([0x20, 0x00])
const MASK = 0o7777
const MAGIC_OFFSET = 257
const VERSION_OFFSET = 263

exports.decodeLongPath = function decodeLongPath (buf, encoding) {
  return decodeStr(buf, 0, buf.length, encoding)
}

exports.encodePax = function encodePax (opts) { // TODO: encode more stuff in pax
  let result = ''
  if (opts.name) result += addLength(' path=' + opts.name + '\n')
  if (opts.linkname) result += addLength(' linkpath=' + opts.linkname + '\n')
  const pax = opts.pax
  if (pax) {
    for (const key in pax) {
      result += addLength(' ' + key + '=' + pax[key] + '\n')
    }
  }
  return b4a.from(result)
}

exports.decodePax = function decodePax (buf) {
  const result = {}

  while (buf.length) {
    let i = 0
    while (i < buf.length && buf[i] !== 32) i++
    const len = parseInt(b4a.toString(buf.subarray(0, i)), 10)
    if (!len) return result

    const b = b4a.toString(buf.subarray(i + 1, len - 1))
    const keyIndex = b.indexOf('=')
    if (keyIndex === -1) return result
    result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1)

    buf = buf.subarray(len)
  }

  return result
}

exports.encode = function encode (opts) {
  const buf = b4a.alloc(512)
  let name = opts.name
  let prefix = ''

  if (opts.typeflag === 5 && name[name.length - 1] !== '/') name += '/'
  if (b4a.byteLength(name) !== name.length) return null // utf-8

  while (b4a.byteLength(name) > 100) {
    const i = name.indexOf('/')
    if (i === -1) return null
    prefix += prefix ? '/' + name.slice(0, i) : name.slice(0, i)
    name = name.slice(i + 1)
  }

  if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null
  if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null

  b4a.write(buf, name)
  b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100)
  b4a.write(buf, encodeOct(opts.uid, 6), 108)
  b4a.write(buf, encodeOct(opts.gid, 6), 116)
  encodeSize(opts.size, buf, 124)
  b4a.write(buf, encodeOct((opts.mtime.getTime() / 1000) | 0, 11), 136)

  buf[156] = ZERO_OFFSET + toTypeflag(opts.type)

  if (opts.linkname) b4a.write(buf, opts.linkname, 157)

  b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET)
  b4a.copy(USTAR_VER, buf, VERSION_OFFSET)
  if (opts.uname) b4a.write(buf, opts.uname, 265)
  if (opts.gname) b4a.write(buf, opts.gname, 297)
  b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329)
  b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337)

  if (prefix) b4a.write(buf, prefix, 345)

  b4a.write(buf, encodeOct(cksum(buf), 6), 148)

  return buf
}

exports.decode = function decode (buf, filenameEncoding, allowUnknownFormat) {
  let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET

  let name = decodeStr(buf, 0, 100, filenameEncoding)
  const mode = decodeOct(buf, 100, 8)
  const uid = decodeOct(buf, 108, 8)
  const gid = decodeOct(buf, 116, 8)
  const size = decodeOct(buf, 124, 12)
  const mtime = decodeOct(buf, 136, 12)
  const type = toType(typeflag)
  const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding)
  const uname = decodeStr(buf, 265, 32)
  const gname = decodeStr(buf, 297, 32)
  const devmajor = decodeOct(buf, 329, 8)
  const devminor = decodeOct(buf, 337, 8)

  const c = cksum(buf)

  // checksum is still initial value if header was null.
  if (c === 8 * 32) return null

  // valid checksum
  if (c !== decodeOct(buf, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?')

  if (isUSTAR(buf)) {
    // ustar (posix) format.
    // prepend prefix, if present.
    if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + '/' + name
  } else if (isGNU(buf)) {
    // 'gnu'/'oldgnu' format. Similar to ustar, but has support for incremental and
    // multi-volume tarballs.
  } else {
    if (!allowUnknownFormat) {
      throw new Error('Invalid tar header: unknown format.')
    }
  }

  // to support old tar versions that use trailing / to indicate dirs
  if (typeflag === 0 && name && name[name.length - 1] === '/') typeflag = 5

  return {
    name,
    mode,
    uid,
    gid,
    size,
    byteOffset: 0,
    mtime: new Date(1000 * mtime),
    type,
    linkname,
    uname,
    gname,
    devmajor,
    devminor,
    pax: null
  }
}

function isUSTAR (buf) {
  return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6))
}

function isGNU (buf) {
  return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) &&
    b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2))
}

function clamp (index, len, defaultValue) {
  if (typeof index !== 'number') return defaultValue
  index = ~~index // Coerce to integer.
  if (index >= len) return len
  if (index >= 0) return index
  index += len
  if (index >= 0) return index
  return 0
}

function toType (flag) {
  switch (flag) {
    case 0:
      return 'file'
    case 1:
      return 'link'
    case 2:
      return 'symlink'
    case 3:
      return 'character-device'
    case 4:
      return 'block-device'
    case 5:
      return 'directory'
    case 6:
      return 'fifo'
    case 7:
      return 'contiguous-file'
    case 72:
      return 'pax-header'
    case 55:
      return 'pax-global-header'
    case 27:
      return 'gnu-long-link-path'
    case 28:
    case 30:
      return 'gnu-long-path'
  }

  return null
}

function toTypeflag (flag) {
  switch (flag) {
    case 'file':
      return 0
    case 'link':
      return 1
    case 'symlink':
      return 2
    case 'character-device':
      return 3
    case 'block-device':
      return 4
    case 'directory':
      return 5
    case 'fifo':
      return 6
    case 'contiguous-file':
      return 7
    case 'pax-header':
      return 72
  }

  return 0
}

function indexOf (block, num, offset, end) {
  for (; offset < end; offset++) {
    if (block[offset] === num) return offset
  }
  return end
}

function cksum (block) {
  let sum = 8 * 32
  for (let i = 0; i < 148; i++) sum += block[i]
  for (let j = 156; j < 512; j++) sum += block[j]
  return sum
}

function encodeOct (val, n) {
  val = val.toString(8)
  if (val.length > n) return SEVENS.slice(0, n) + ' '
  return ZEROS.slice(0, n - val.length) + val + ' '
}

function encodeSizeBin (num, buf, off) {
  buf[off] = 0x80
  for (let i = 11; i > 0; i--) {
    buf[off + i] = num & 0xff
    num = Math.floor(num / 0x100)
  }
}

function encodeSize (num, buf, off) {
  if (num.toString(8).length > 11) {
    encodeSizeBin(num, buf, off)
  } else {
    b4a.write(buf, encodeOct(num, 11), off)
  }
}

/* Copied from the node-tar repo and modified to meet
 * tar-stream coding standard.
 *
 * Source: https://github.com/npm/node-tar/blob/51b6627a1f357d2eb433e7378e5f05e83b7aa6cd/lib/header.js#L349
 */
function parse256 (buf) {
  // first byte MUST be either 80 or FF
  // 80 for positive, FF for 2's comp
  let positive
  if (buf[0] === 0x80) positive = true
  else if (buf[0] === 0xFF) positive = false
  else return null

  // build up a base-256 tuple from the least sig to the highest
  const tuple = []
  let i
  for (i = buf.length - 1; i > 0; i--) {
    const byte = buf[i]
    if (positive) tuple.push(byte)
    else tuple.push(0xFF - byte)
  }

  let sum = 0
  const l = tuple.length
  for (i = 0; i < l; i++) {
    sum += tuple[i] * Math.pow(256, i)
  }

  return positive ? sum : -1 * sum
}

function decodeOct (val, offset, length) {
  val = val.subarray(offset, offset + length)
  offset = 0

  // If prefixed with 0x80 then parse as a base-256 integer
  if (val[offset] & 0x80) {
    return parse256(val)
  } else {
    // Older versions of tar can prefix with spaces
    while (offset < val.length && val[offset] === 32) offset++
    const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length)
    while (offset < end && val[offset] === 0) offset++
    if (end === offset) return 0
    return parseInt(b4a.toString(val.subarray(offset, end)), 8)
  }
}

function decodeStr (val, offset, length, encoding) {
  return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding)
}

function addLength (str) {
  const len = b4a.byteLength(str)
  let digits = Math.floor(Math.log(len) / Math.log(10)) + 1
  if (len + digits >= Math.pow(10, digits)) digits++

  return (len + digits) + str
}


/***/ }),

/***/ 474:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

exports.extract = __nccwpck_require__(919)
/* unused reexport */ __nccwpck_require__(257)


/***/ }),

/***/ 257:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { Readable, Writable, getStreamError } = __nccwpck_require__(200)
const b4a = __nccwpck_require__(173)

const constants = __nccwpck_require__(531)
const headers = __nccwpck_require__(472)

const DMODE = 0o755
const FMODE = 0o644

const END_OF_TAR = b4a.alloc(1024)

class Sink extends Writable {
  constructor (pack, header, callback) {
    super({ mapWritable, eagerOpen: true })

    this.written = 0
    this.header = header

    this._callback = callback
    this._linkname = null
    this._isLinkname = header.type === 'symlink' && !header.linkname
    this._isVoid = header.type !== 'file' && header.type !== 'contiguous-file'
    this._finished = false
    this._pack = pack
    this._openCallback = null

    if (this._pack._stream === null) this._pack._stream = this
    else this._pack._pending.push(this)
  }

  _open (cb) {
    this._openCallback = cb
    if (this._pack._stream === this) this._continueOpen()
  }

  _continuePack (err) {
    if (this._callback === null) return

    const callback = this._callback
    this._callback = null

    callback(err)
  }

  _continueOpen () {
    if (this._pack._stream === null) this._pack._stream = this

    const cb = this._openCallback
    this._openCallback = null
    if (cb === null) return

    if (this._pack.destroying) return cb(new Error('pack stream destroyed'))
    if (this._pack._finalized) return cb(new Error('pack stream is already finalized'))

    this._pack._stream = this

    if (!this._isLinkname) {
      this._pack._encode(this.header)
    }

    if (this._isVoid) {
      this._finish()
      this._continuePack(null)
    }

    cb(null)
  }

  _write (data, cb) {
    if (this._isLinkname) {
      this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data
      return cb(null)
    }

    if (this._isVoid) {
      if (data.byteLength > 0) {
        return cb(new Error('No body allowed for this entry'))
      }
      return cb()
    }

    this.written += data.byteLength
    if (this._pack.push(data)) return cb()
    this._pack._drain = cb
  }

  _finish () {
    if (this._finished) return
    this._finished = true

    if (this._isLinkname) {
      this.header.linkname = this._linkname ? b4a.toString(this._linkname, 'utf-8') : ''
      this._pack._encode(this.header)
    }

    overflow(this._pack, this.header.size)

    this._pack._done(this)
  }

  _final (cb) {
    if (this.written !== this.header.size) { // corrupting tar
      return cb(new Error('Size mismatch'))
    }

    this._finish()
    cb(null)
  }

  _getError () {
    return getStreamError(this) || new Error('tar entry destroyed')
  }

  _predestroy () {
    this._pack.destroy(this._getError())
  }

  _destroy (cb) {
    this._pack._done(this)

    this._continuePack(this._finished ? null : this._getError())

    cb()
  }
}

class Pack extends Readable {
  constructor (opts) {
    super(opts)
    this._drain = noop
    this._finalized = false
    this._finalizing = false
    this._pending = []
    this._stream = null
  }

  entry (header, buffer, callback) {
    if (this._finalized || this.destroying) throw new Error('already finalized or destroyed')

    if (typeof buffer === 'function') {
      callback = buffer
      buffer = null
    }

    if (!callback) callback = noop

    if (!header.size || header.type === 'symlink') header.size = 0
    if (!header.type) header.type = modeToType(header.mode)
    if (!header.mode) header.mode = header.type === 'directory' ? DMODE : FMODE
    if (!header.uid) header.uid = 0
    if (!header.gid) header.gid = 0
    if (!header.mtime) header.mtime = new Date()

    if (typeof buffer === 'string') buffer = b4a.from(buffer)

    const sink = new Sink(this, header, callback)

    if (b4a.isBuffer(buffer)) {
      header.size = buffer.byteLength
      sink.write(buffer)
      sink.end()
      return sink
    }

    if (sink._isVoid) {
      return sink
    }

    return sink
  }

  finalize () {
    if (this._stream || this._pending.length > 0) {
      this._finalizing = true
      return
    }

    if (this._finalized) return
    this._finalized = true

    this.push(END_OF_TAR)
    this.push(null)
  }

  _done (stream) {
    if (stream !== this._stream) return

    this._stream = null

    if (this._finalizing) this.finalize()
    if (this._pending.length) this._pending.shift()._continueOpen()
  }

  _encode (header) {
    if (!header.pax) {
      const buf = headers.encode(header)
      if (buf) {
        this.push(buf)
        return
      }
    }
    this._encodePax(header)
  }

  _encodePax (header) {
    const paxHeader = headers.encodePax({
      name: header.name,
      linkname: header.linkname,
      pax: header.pax
    })

    const newHeader = {
      name: 'PaxHeader',
      mode: header.mode,
      uid: header.uid,
      gid: header.gid,
      size: paxHeader.byteLength,
      mtime: header.mtime,
      type: 'pax-header',
      linkname: header.linkname && 'PaxHeader',
      uname: header.uname,
      gname: header.gname,
      devmajor: header.devmajor,
      devminor: header.devminor
    }

    this.push(headers.encode(newHeader))
    this.push(paxHeader)
    overflow(this, paxHeader.byteLength)

    newHeader.size = header.size
    newHeader.type = header.type
    this.push(headers.encode(newHeader))
  }

  _doDrain () {
    const drain = this._drain
    this._drain = noop
    drain()
  }

  _predestroy () {
    const err = getStreamError(this)

    if (this._stream) this._stream.destroy(err)

    while (this._pending.length) {
      const stream = this._pending.shift()
      stream.destroy(err)
      stream._continueOpen()
    }

    this._doDrain()
  }

  _read (cb) {
    this._doDrain()
    cb()
  }
}

module.exports = function pack (opts) {
  return new Pack(opts)
}

function modeToType (mode) {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFBLK: return 'block-device'
    case constants.S_IFCHR: return 'character-device'
    case constants.S_IFDIR: return 'directory'
    case constants.S_IFIFO: return 'fifo'
    case constants.S_IFLNK: return 'symlink'
  }

  return 'file'
}

function noop () {}

function overflow (self, size) {
  size &= 511
  if (size) self.push(END_OF_TAR.subarray(0, 512 - size))
}

function mapWritable (buf) {
  return b4a.isBuffer(buf) ? buf : b4a.from(buf)
}


/***/ }),

/***/ 410:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const PassThroughDecoder = __nccwpck_require__(524)
const UTF8Decoder = __nccwpck_require__(554)

module.exports = class TextDecoder {
  constructor(encoding = 'utf8') {
    this.encoding = normalizeEncoding(encoding)

    switch (this.encoding) {
      case 'utf8':
        this.decoder = new UTF8Decoder()
        break
      case 'utf16le':
      case 'base64':
        throw new Error('Unsupported encoding: ' + this.encoding)
      default:
        this.decoder = new PassThroughDecoder(this.encoding)
    }
  }

  get remaining() {
    return this.decoder.remaining
  }

  push(data) {
    if (typeof data === 'string') return data
    return this.decoder.decode(data)
  }

  // For Node.js compatibility
  write(data) {
    return this.push(data)
  }

  end(data) {
    let result = ''
    if (data) result = this.push(data)
    result += this.decoder.flush()
    return result
  }
}

function normalizeEncoding(encoding) {
  encoding = encoding.toLowerCase()

  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return 'utf8'
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return 'utf16le'
    case 'latin1':
    case 'binary':
      return 'latin1'
    case 'base64':
    case 'ascii':
    case 'hex':
      return encoding
    default:
      throw new Error('Unknown encoding: ' + encoding)
  }
}


/***/ }),

/***/ 524:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(173)

module.exports = class PassThroughDecoder {
  constructor(encoding) {
    this.encoding = encoding
  }

  get remaining() {
    return 0
  }

  decode(data) {
    return b4a.toString(data, this.encoding)
  }

  flush() {
    return ''
  }
}


/***/ }),

/***/ 554:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const b4a = __nccwpck_require__(173)

/**
 * https://encoding.spec.whatwg.org/#utf-8-decoder
 */
module.exports = class UTF8Decoder {
  constructor() {
    this._reset()
  }

  get remaining() {
    return this.bytesSeen
  }

  decode(data) {
    if (data.byteLength === 0) return ''

    if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
      this.bytesSeen = trailingBytesSeen(data)
      return b4a.toString(data, 'utf8')
    }

    let result = ''
    let start = 0

    if (this.bytesNeeded > 0) {
      while (start < data.byteLength) {
        const byte = data[start]

        if (byte < this.lowerBoundary || byte > this.upperBoundary) {
          result += '\ufffd'
          this._reset()
          break
        }

        this.lowerBoundary = 0x80
        this.upperBoundary = 0xbf
        this.codePoint = (this.codePoint << 6) | (byte & 0x3f)
        this.bytesSeen++
        start++

        if (this.bytesSeen === this.bytesNeeded) {
          result += String.fromCodePoint(this.codePoint)
          this._reset()
          break
        }
      }

      if (this.bytesNeeded > 0) return result
    }

    const trailing = trailingIncomplete(data, start)
    const end = data.byteLength - trailing

    if (end > start) result += b4a.toString(data, 'utf8', start, end)

    for (let i = end; i < data.byteLength; i++) {
      const byte = data[i]

      if (this.bytesNeeded === 0) {
        if (byte <= 0x7f) {
          this.bytesSeen = 0
          result += String.fromCharCode(byte)
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.bytesNeeded = 2
          this.bytesSeen = 1
          this.codePoint = byte & 0x1f
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lowerBoundary = 0xa0
          else if (byte === 0xed) this.upperBoundary = 0x9f
          this.bytesNeeded = 3
          this.bytesSeen = 1
          this.codePoint = byte & 0xf
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lowerBoundary = 0x90
          else if (byte === 0xf4) this.upperBoundary = 0x8f
          this.bytesNeeded = 4
          this.bytesSeen = 1
          this.codePoint = byte & 0x7
        } else {
          this.bytesSeen = 1
          result += '\ufffd'
        }

        continue
      }

      if (byte < this.lowerBoundary || byte > this.upperBoundary) {
        result += '\ufffd'
        i--
        this._reset()

        continue
      }

      this.lowerBoundary = 0x80
      this.upperBoundary = 0xbf

      this.codePoint = (this.codePoint << 6) | (byte & 0x3f)
      this.bytesSeen++

      if (this.bytesSeen === this.bytesNeeded) {
        result += String.fromCodePoint(this.codePoint)
        this._reset()
      }
    }

    return result
  }

  flush() {
    const result = this.bytesNeeded > 0 ? '\ufffd' : ''
    this._reset()
    return result
  }

  _reset() {
    this.codePoint = 0
    this.bytesNeeded = 0
    this.bytesSeen = 0
    this.lowerBoundary = 0x80
    this.upperBoundary = 0xbf
  }
}

function trailingIncomplete(data, start) {
  const len = data.byteLength
  if (len <= start) return 0

  const limit = Math.max(start, len - 4)

  let i = len - 1
  while (i > limit && (data[i] & 0xc0) === 0x80) i--

  if (i < start) return 0

  const byte = data[i]

  let needed
  if (byte <= 0x7f) return 0
  if (byte >= 0xc2 && byte <= 0xdf) needed = 2
  else if (byte >= 0xe0 && byte <= 0xef) needed = 3
  else if (byte >= 0xf0 && byte <= 0xf4) needed = 4
  else return 0

  const available = len - i
  return available < needed ? available : 0
}

function trailingBytesSeen(data) {
  const len = data.byteLength
  if (len === 0) return 0

  const last = data[len - 1]

  if (last <= 0x7f) return 0
  if ((last & 0xc0) !== 0x80) return 1

  const limit = Math.max(0, len - 4)

  let i = len - 2
  while (i >= limit && (data[i] & 0xc0) === 0x80) i--

  if (i < 0) return 1

  const first = data[i]

  let needed
  if (first >= 0xc2 && first <= 0xdf) needed = 2
  else if (first >= 0xe0 && first <= 0xef) needed = 3
  else if (first >= 0xf0 && first <= 0xf4) needed = 4
  else return 1

  if (len - i !== needed) return 1

  if (needed >= 3) {
    const second = data[i + 1]
    if (first === 0xe0 && second < 0xa0) return 1
    if (first === 0xed && second > 0x9f) return 1
    if (first === 0xf0 && second < 0x90) return 1
    if (first === 0xf4 && second > 0x8f) return 1
  }

  return 0
}


/***/ }),

/***/ 84:
/***/ ((module) => {

// Adapted from https://github.com/brianloveswords/buffer-crc32/blob/v0.2.13/index.js
const CRC_TABLE = new Int32Array([
  0x00000000, 0x77073096, 0xee0e612c, 0x990951ba, 0x076dc419, 0x706af48f, 0xe963a535, 0x9e6495a3,
  0x0edb8832, 0x79dcb8a4, 0xe0d5e91e, 0x97d2d988, 0x09b64c2b, 0x7eb17cbd, 0xe7b82d07, 0x90bf1d91,
  0x1db71064, 0x6ab020f2, 0xf3b97148, 0x84be41de, 0x1adad47d, 0x6ddde4eb, 0xf4d4b551, 0x83d385c7,
  0x136c9856, 0x646ba8c0, 0xfd62f97a, 0x8a65c9ec, 0x14015c4f, 0x63066cd9, 0xfa0f3d63, 0x8d080df5,
  0x3b6e20c8, 0x4c69105e, 0xd56041e4, 0xa2677172, 0x3c03e4d1, 0x4b04d447, 0xd20d85fd, 0xa50ab56b,
  0x35b5a8fa, 0x42b2986c, 0xdbbbc9d6, 0xacbcf940, 0x32d86ce3, 0x45df5c75, 0xdcd60dcf, 0xabd13d59,
  0x26d930ac, 0x51de003a, 0xc8d75180, 0xbfd06116, 0x21b4f4b5, 0x56b3c423, 0xcfba9599, 0xb8bda50f,
  0x2802b89e, 0x5f058808, 0xc60cd9b2, 0xb10be924, 0x2f6f7c87, 0x58684c11, 0xc1611dab, 0xb6662d3d,
  0x76dc4190, 0x01db7106, 0x98d220bc, 0xefd5102a, 0x71b18589, 0x06b6b51f, 0x9fbfe4a5, 0xe8b8d433,
  0x7807c9a2, 0x0f00f934, 0x9609a88e, 0xe10e9818, 0x7f6a0dbb, 0x086d3d2d, 0x91646c97, 0xe6635c01,
  0x6b6b51f4, 0x1c6c6162, 0x856530d8, 0xf262004e, 0x6c0695ed, 0x1b01a57b, 0x8208f4c1, 0xf50fc457,
  0x65b0d9c6, 0x12b7e950, 0x8bbeb8ea, 0xfcb9887c, 0x62dd1ddf, 0x15da2d49, 0x8cd37cf3, 0xfbd44c65,
  0x4db26158, 0x3ab551ce, 0xa3bc0074, 0xd4bb30e2, 0x4adfa541, 0x3dd895d7, 0xa4d1c46d, 0xd3d6f4fb,
  0x4369e96a, 0x346ed9fc, 0xad678846, 0xda60b8d0, 0x44042d73, 0x33031de5, 0xaa0a4c5f, 0xdd0d7cc9,
  0x5005713c, 0x270241aa, 0xbe0b1010, 0xc90c2086, 0x5768b525, 0x206f85b3, 0xb966d409, 0xce61e49f,
  0x5edef90e, 0x29d9c998, 0xb0d09822, 0xc7d7a8b4, 0x59b33d17, 0x2eb40d81, 0xb7bd5c3b, 0xc0ba6cad,
  0xedb88320, 0x9abfb3b6, 0x03b6e20c, 0x74b1d29a, 0xead54739, 0x9dd277af, 0x04db2615, 0x73dc1683,
  0xe3630b12, 0x94643b84, 0x0d6d6a3e, 0x7a6a5aa8, 0xe40ecf0b, 0x9309ff9d, 0x0a00ae27, 0x7d079eb1,
  0xf00f9344, 0x8708a3d2, 0x1e01f268, 0x6906c2fe, 0xf762575d, 0x806567cb, 0x196c3671, 0x6e6b06e7,
  0xfed41b76, 0x89d32be0, 0x10da7a5a, 0x67dd4acc, 0xf9b9df6f, 0x8ebeeff9, 0x17b7be43, 0x60b08ed5,
  0xd6d6a3e8, 0xa1d1937e, 0x38d8c2c4, 0x4fdff252, 0xd1bb67f1, 0xa6bc5767, 0x3fb506dd, 0x48b2364b,
  0xd80d2bda, 0xaf0a1b4c, 0x36034af6, 0x41047a60, 0xdf60efc3, 0xa867df55, 0x316e8eef, 0x4669be79,
  0xcb61b38c, 0xbc66831a, 0x256fd2a0, 0x5268e236, 0xcc0c7795, 0xbb0b4703, 0x220216b9, 0x5505262f,
  0xc5ba3bbe, 0xb2bd0b28, 0x2bb45a92, 0x5cb36a04, 0xc2d7ffa7, 0xb5d0cf31, 0x2cd99e8b, 0x5bdeae1d,
  0x9b64c2b0, 0xec63f226, 0x756aa39c, 0x026d930a, 0x9c0906a9, 0xeb0e363f, 0x72076785, 0x05005713,
  0x95bf4a82, 0xe2b87a14, 0x7bb12bae, 0x0cb61b38, 0x92d28e9b, 0xe5d5be0d, 0x7cdcefb7, 0x0bdbdf21,
  0x86d3d2d4, 0xf1d4e242, 0x68ddb3f8, 0x1fda836e, 0x81be16cd, 0xf6b9265b, 0x6fb077e1, 0x18b74777,
  0x88085ae6, 0xff0f6a70, 0x66063bca, 0x11010b5c, 0x8f659eff, 0xf862ae69, 0x616bffd3, 0x166ccf45,
  0xa00ae278, 0xd70dd2ee, 0x4e048354, 0x3903b3c2, 0xa7672661, 0xd06016f7, 0x4969474d, 0x3e6e77db,
  0xaed16a4a, 0xd9d65adc, 0x40df0b66, 0x37d83bf0, 0xa9bcae53, 0xdebb9ec5, 0x47b2cf7f, 0x30b5ffe9,
  0xbdbdf21c, 0xcabac28a, 0x53b39330, 0x24b4a3a6, 0xbad03605, 0xcdd70693, 0x54de5729, 0x23d967bf,
  0xb3667a2e, 0xc4614ab8, 0x5d681b02, 0x2a6f2b94, 0xb40bbe37, 0xc30c8ea1, 0x5a05df1b, 0x2d02ef8d,
]);

function crc32(buf) {
  let crc = -1;
  for (let x of buf) {
    crc = CRC_TABLE[(crc ^ x) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}

module.exports = crc32;


/***/ }),

/***/ 842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

// This was adapted from https://github.com/andrewrk/node-fd-slicer by Andrew Kelley under the MIT License.
var fs = __nccwpck_require__(896);
var util = __nccwpck_require__(23);
var stream = __nccwpck_require__(203);
var Readable = stream.Readable;
var PassThrough = stream.PassThrough;
var Pend = __nccwpck_require__(845);
var EventEmitter = (__nccwpck_require__(434).EventEmitter);

exports.BufferSlicer = BufferSlicer;
exports.FdSlicer = FdSlicer;

util.inherits(FdSlicer, EventEmitter);
function FdSlicer(fd) {
  EventEmitter.call(this);

  this.fd = fd;
  this.pend = new Pend();
  this.pend.max = 1;
  this.refCount = 0;
}

FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
  var self = this;
  self.pend.go(function(cb) {
    fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer) {
      cb();
      callback(err, bytesRead, buffer);
    });
  });
};

FdSlicer.prototype.createReadStream = function(options) {
  return new ReadStream(this, options);
};

FdSlicer.prototype.ref = function() {
  this.refCount += 1;
};

FdSlicer.prototype.unref = function() {
  var self = this;
  self.refCount -= 1;
  if (self.refCount < 0) throw new Error("invalid unref");
  if (self.refCount > 0) return;

  fs.close(self.fd, onCloseDone);

  function onCloseDone(err) {
    if (err) {
      self.emit('error', err);
    } else {
      self.emit('close');
    }
  }
};

util.inherits(ReadStream, Readable);
function ReadStream(context, options) {
  options = options || {};
  Readable.call(this, options);

  this.context = context;
  this.context.ref();

  this.start = options.start || 0;
  this.endOffset = options.end;
  this.pos = this.start;
}

ReadStream.prototype._read = function(n) {
  var self = this;

  var toRead = Math.min(self._readableState.highWaterMark, n);
  if (self.endOffset != null) {
    toRead = Math.min(toRead, self.endOffset - self.pos);
  }
  if (toRead <= 0) {
    self.push(null);
    this._cleanup();
    return;
  }
  self.context.pend.go(function(cb) {
    var buffer = Buffer.allocUnsafe(toRead);
    fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
      if (err) {
        self.destroy(err);
      } else if (bytesRead === 0) {
        self.push(null);
        self._cleanup();
      } else {
        self.pos += bytesRead;
        self.push(buffer.slice(0, bytesRead));
      }
      cb();
    });
  });
};

ReadStream.prototype._destroy = function(err, cb) {
  // Node 14+ calls this automatically at EOF.
  this._cleanup();
  cb(err);
};

ReadStream.prototype._cleanup = function() {
  if (this.context != null) {
    this.context.unref();
    this.context = null;
  }
};

util.inherits(BufferSlicer, EventEmitter);
function BufferSlicer(buffer) {
  EventEmitter.call(this);

  this.refCount = 0;
  this.buffer = buffer;
}

BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
  if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
  if (position < 0) throw new RangeError("position is negative: " + position);
  if (offset + length > buffer.length) {
    // The caller's buffer can't hold all the bytes they're trying to read.
    // Clamp the length instead of giving an error.
    // The callback will be informed of fewer than expected bytes written.
    length = buffer.length - offset;
  }
  if (position + length > this.buffer.length) {
    // Clamp any attempt to read past the end of the source buffer.
    length = this.buffer.length - position;
  }
  if (length <= 0) {
    // After any clamping, we're fully out of bounds or otherwise have nothing to do.
    // This isn't an error; it's just zero bytes written.
    setImmediate(function() {
      callback(null, 0);
    });
    return;
  }
  this.buffer.copy(buffer, offset, position, position + length);
  setImmediate(function() {
    callback(null, length);
  });
};

BufferSlicer.prototype.createReadStream = function(options) {
  options = options || {};
  var readStream = new PassThrough(options);
  readStream.start = options.start || 0;
  readStream.endOffset = options.end;
  // by the time this function returns, we'll be done.
  readStream.pos = readStream.endOffset || this.buffer.length;

  var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
  // Cut the buffer into smaller slices for better memory usage when streaming into a zlib inflate stream.
  // See https://github.com/thejoshwolfe/yauzl/issues/87
  var maxChunkSize = 0x10000;
  var offset = 0;
  while (true) {
    var nextOffset = offset + maxChunkSize;
    if (nextOffset >= entireSlice.length) {
      // last chunk
      if (offset < entireSlice.length) {
        readStream.write(entireSlice.slice(offset, entireSlice.length));
      }
      break;
    }
    readStream.write(entireSlice.slice(offset, nextOffset));
    offset = nextOffset;
  }

  readStream.end();
  return readStream;
};

BufferSlicer.prototype.ref = function() {
  this.refCount += 1;
};

BufferSlicer.prototype.unref = function() {
  this.refCount -= 1;

  if (this.refCount < 0) {
    throw new Error("invalid unref");
  }
};


/***/ }),

/***/ 171:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var fs = __nccwpck_require__(896);
var zlib = __nccwpck_require__(106);
var fd_slicer = __nccwpck_require__(842);
var util = __nccwpck_require__(23);
var EventEmitter = (__nccwpck_require__(434).EventEmitter);
var Transform = (__nccwpck_require__(203).Transform);
var PassThrough = (__nccwpck_require__(203).PassThrough);
var Writable = (__nccwpck_require__(203).Writable);

// Node 20 added zlib.crc32.
const crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : __nccwpck_require__(84);

exports.open = open;
exports.fromFd = fromFd;
exports.fromBuffer = fromBuffer;
exports.fromRandomAccessReader = fromRandomAccessReader;
exports.openPromise = openPromise;
exports.fromFdPromise = fromFdPromise;
exports.fromBufferPromise = fromBufferPromise;
exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;

exports.dosDateTimeToDate = dosDateTimeToDate;
exports.getFileNameLowLevel = getFileNameLowLevel;
exports.validateFileName = validateFileName;
exports.parseExtraFields = parseExtraFields;
exports.ZipFile = ZipFile;
exports.Entry = Entry;
exports.LocalFileHeader = LocalFileHeader;
exports.RandomAccessReader = RandomAccessReader;

function openPromise(path, options) {
  return new Promise((resolve, reject) => {
    open(path, {...options, lazyEntries: true}, function(err, zipfile) {
      if (err) return reject(err);
      resolve(zipfile);
    });
  });
}
function fromFdPromise(fd, options) {
  return new Promise((resolve, reject) => {
    fromFd(fd, {...options, lazyEntries: true}, function(err, zipfile) {
      if (err) return reject(err);
      resolve(zipfile);
    });
  });
}
function fromBufferPromise(buffer, options) {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, {...options, lazyEntries: true}, function(err, zipfile) {
      if (err) return reject(err);
      resolve(zipfile);
    });
  });
}
function fromRandomAccessReaderPromise(reader, totalSize, options) {
  return new Promise((resolve, reject) => {
    fromRandomAccessReader(reader, totalSize, {...options, lazyEntries: true}, function(err, zipfile) {
      if (err) return reject(err);
      resolve(zipfile);
    });
  });
}

function open(path, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = null;
  }
  if (options == null) options = {};
  if (options.autoClose == null) options.autoClose = true;
  if (options.lazyEntries == null) options.lazyEntries = false;
  if (options.decodeStrings == null) options.decodeStrings = true;
  if (options.validateEntrySizes == null) options.validateEntrySizes = true;
  if (options.strictFileNames == null) options.strictFileNames = false;
  if (callback == null) callback = defaultCallback;
  fs.open(path, "r", function(err, fd) {
    if (err) return callback(err);
    fromFd(fd, options, function(err, zipfile) {
      if (err) fs.close(fd, defaultCallback);
      callback(err, zipfile);
    });
  });
}

function fromFd(fd, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = null;
  }
  if (options == null) options = {};
  if (options.autoClose == null) options.autoClose = false;
  if (options.lazyEntries == null) options.lazyEntries = false;
  if (options.decodeStrings == null) options.decodeStrings = true;
  if (options.validateEntrySizes == null) options.validateEntrySizes = true;
  if (options.strictFileNames == null) options.strictFileNames = false;
  if (callback == null) callback = defaultCallback;
  fs.fstat(fd, function(err, stats) {
    if (err) return callback(err);
    var reader = new fd_slicer.FdSlicer(fd);
    fromRandomAccessReader(reader, stats.size, options, callback);
  });
}

function fromBuffer(buffer, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = null;
  }
  if (options == null) options = {};
  options.autoClose = false;
  if (options.lazyEntries == null) options.lazyEntries = false;
  if (options.decodeStrings == null) options.decodeStrings = true;
  if (options.validateEntrySizes == null) options.validateEntrySizes = true;
  if (options.strictFileNames == null) options.strictFileNames = false;
  var reader = new fd_slicer.BufferSlicer(buffer);
  fromRandomAccessReader(reader, buffer.length, options, callback);
}

function fromRandomAccessReader(reader, totalSize, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = null;
  }
  if (options == null) options = {};
  if (options.autoClose == null) options.autoClose = true;
  if (options.lazyEntries == null) options.lazyEntries = false;
  if (options.decodeStrings == null) options.decodeStrings = true;
  var decodeStrings = !!options.decodeStrings;
  if (options.validateEntrySizes == null) options.validateEntrySizes = true;
  if (options.strictFileNames == null) options.strictFileNames = false;
  if (callback == null) callback = defaultCallback;
  if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
  if (totalSize > Number.MAX_SAFE_INTEGER) {
    throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
  }

  // the matching unref() call is in zipfile.close()
  reader.ref();

  // eocdr means End of Central Directory Record.
  // search backwards for the eocdr signature.
  // the last field of the eocdr is a variable-length comment.
  // the comment size is encoded in a 2-byte field in the eocdr, which we can't find without trudging backwards through the comment to find it.
  // as a consequence of this design decision, it's possible to have ambiguous zip file metadata if a coherent eocdr was in the comment.
  // we search backwards for a eocdr signature, and hope that whoever made the zip file was smart enough to forbid the eocdr signature in the comment.
  var eocdrWithoutCommentSize = 22;
  var zip64EocdlSize = 20; // Zip64 end of central directory locator
  var maxCommentSize = 0xffff; // 2-byte size
  var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
  var buffer = newBuffer(bufferSize);
  var bufferReadStart = totalSize - buffer.length;
  readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
    if (err) return callback(err);
    for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
      if (buffer.readUInt32LE(i) !== 0x06054b50) continue;
      // found eocdr
      var eocdrBuffer = buffer.subarray(i);

      // 0 - End of central directory signature = 0x06054b50
      // 4 - Number of this disk
      var diskNumber = eocdrBuffer.readUInt16LE(4);
      // 6 - Disk where central directory starts
      // 8 - Number of central directory records on this disk
      // 10 - Total number of central directory records
      var entryCount = eocdrBuffer.readUInt16LE(10);
      // 12 - Size of central directory (bytes)
      // 16 - Offset of start of central directory, relative to start of archive
      var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
      // 20 - Comment length
      var commentLength = eocdrBuffer.readUInt16LE(20);
      var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
      if (commentLength !== expectedCommentLength) {
        return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK☺☻` in the comment?"));
      }
      // 22 - Comment
      // the encoding is always cp437.
      var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false)
                                  : eocdrBuffer.subarray(22);

      // Look for a Zip64 end of central directory locator
      if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 0x07064b50) {
        // ZIP64 format
        var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
        // 0 - zip64 end of central dir locator signature = 0x07064b50
        // 4 - number of the disk with the start of the zip64 end of central directory
        // 8 - relative offset of the zip64 end of central directory record
        var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
        // 16 - total number of disks

        // ZIP64 end of central directory record
        var zip64EocdrBuffer = newBuffer(56);
        return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err) {
          if (err) return callback(err);

          // 0 - zip64 end of central dir signature                           4 bytes  (0x06064b50)
          if (zip64EocdrBuffer.readUInt32LE(0) !== 0x06064b50) {
            return callback(new Error("invalid zip64 end of central directory record signature"));
          }
          // 4 - size of zip64 end of central directory record                8 bytes
          // 12 - version made by                                             2 bytes
          // 14 - version needed to extract                                   2 bytes
          // 16 - number of this disk                                         4 bytes
          diskNumber = zip64EocdrBuffer.readUInt32LE(16);
          if (diskNumber !== 0) {
            // Check this only after zip64 overrides. See #118.
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          // 20 - number of the disk with the start of the central directory  4 bytes
          // 24 - total number of entries in the central directory on this disk         8 bytes
          // 32 - total number of entries in the central directory            8 bytes
          entryCount = readUInt64LE(zip64EocdrBuffer, 32);
          // 40 - size of the central directory                               8 bytes
          // 48 - offset of start of central directory with respect to the starting disk number     8 bytes
          centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
          // 56 - zip64 extensible data sector                                (variable size)
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options.autoClose, options.lazyEntries, decodeStrings, options.validateEntrySizes, options.strictFileNames));
        });
      }

      // Not ZIP64 format
      if (diskNumber !== 0) {
        return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
      }
      return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options.autoClose, options.lazyEntries, decodeStrings, options.validateEntrySizes, options.strictFileNames));

    }

    // Not a zip file.
    callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
  });
}

util.inherits(ZipFile, EventEmitter);
function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
  var self = this;
  EventEmitter.call(self);
  self.reader = reader;
  // forward close events
  self.reader.on("error", function(err) {
    // error closing the fd
    emitError(self, err);
  });
  self.reader.once("close", function() {
    self.emit("close");
  });
  self.readEntryCursor = centralDirectoryOffset;
  self.fileSize = fileSize;
  self.entryCount = entryCount;
  self.comment = comment;
  self.entriesRead = 0;
  self.autoClose = !!autoClose;
  self.lazyEntries = !!lazyEntries;
  self.decodeStrings = !!decodeStrings;
  self.validateEntrySizes = !!validateEntrySizes;
  self.strictFileNames = !!strictFileNames;
  self.isOpen = true;
  self.emittedError = false;
  self.hasEachEntryBeenCalled = false;

  if (!self.lazyEntries) self._readEntry();
}
ZipFile.prototype.close = function() {
  if (!this.isOpen) return;
  this.isOpen = false;
  this.reader.unref();
};

function emitErrorAndAutoClose(self, err) {
  if (self.autoClose) self.close();
  emitError(self, err);
}
function emitError(self, err) {
  if (self.emittedError) return;
  self.emittedError = true;
  self.emit("error", err);
}

ZipFile.prototype.readEntry = function() {
  if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
  this._readEntry();
};
ZipFile.prototype._readEntry = function() {
  var self = this;
  if (self.entryCount === self.entriesRead) {
    // done with metadata
    setImmediate(function() {
      if (self.autoClose) self.close();
      if (self.emittedError) return;
      self.emit("end");
    });
    return;
  }
  if (self.emittedError) return;
  var buffer = newBuffer(46);
  readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
    if (err) return emitErrorAndAutoClose(self, err);
    if (self.emittedError) return;
    var entry = new Entry();
    // 0 - Central directory file header signature
    var signature = buffer.readUInt32LE(0);
    if (signature !== 0x02014b50) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
    // 4 - Version made by
    entry.versionMadeBy = buffer.readUInt16LE(4);
    // 6 - Version needed to extract (minimum)
    entry.versionNeededToExtract = buffer.readUInt16LE(6);
    // 8 - General purpose bit flag
    entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
    // 10 - Compression method
    entry.compressionMethod = buffer.readUInt16LE(10);
    // 12 - File last modification time
    entry.lastModFileTime = buffer.readUInt16LE(12);
    // 14 - File last modification date
    entry.lastModFileDate = buffer.readUInt16LE(14);
    // 16 - CRC-32
    entry.crc32 = buffer.readUInt32LE(16);
    // 20 - Compressed size
    entry.compressedSize = buffer.readUInt32LE(20);
    // 24 - Uncompressed size
    entry.uncompressedSize = buffer.readUInt32LE(24);
    // 28 - File name length (n)
    entry.fileNameLength = buffer.readUInt16LE(28);
    // 30 - Extra field length (m)
    entry.extraFieldLength = buffer.readUInt16LE(30);
    // 32 - File comment length (k)
    entry.fileCommentLength = buffer.readUInt16LE(32);
    // 34 - Disk number where file starts
    // 36 - Internal file attributes
    entry.internalFileAttributes = buffer.readUInt16LE(36);
    // 38 - External file attributes
    entry.externalFileAttributes = buffer.readUInt32LE(38);
    // 42 - Relative offset of local file header
    entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);

    if (entry.generalPurposeBitFlag & 0x40) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));

    self.readEntryCursor += 46;

    buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
    readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
      if (err) return emitErrorAndAutoClose(self, err);
      if (self.emittedError) return;
      // 46 - File name
      entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
      // 46+n - Extra field
      var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
      entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
      // 46+n+m - File comment
      entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);

      // Parse the extra fields, which we need for processing other fields.
      try {
        entry.extraFields = parseExtraFields(entry.extraFieldRaw);
      } catch (err) {
        return emitErrorAndAutoClose(self, err);
      }

      // Interpret strings according to bit flags, extra fields, and options.
      if (self.decodeStrings) {
        var isUtf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
        entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
        entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
        var errorMessage = validateFileName(entry.fileName);
        if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
      } else {
        entry.fileComment = entry.fileCommentRaw;
        entry.fileName = entry.fileNameRaw;
      }
      // Maintain API compatibility. See https://github.com/thejoshwolfe/yauzl/issues/47
      entry.comment = entry.fileComment;

      self.readEntryCursor += buffer.length;
      self.entriesRead += 1;

      // Check for the Zip64 Extended Information Extra Field.
      for (var i = 0; i < entry.extraFields.length; i++) {
        var extraField = entry.extraFields[i];
        if (extraField.id !== 0x0001) continue;
        // Found it.

        var zip64EiefBuffer = extraField.data;
        var index = 0;
        // 0 - Original Size          8 bytes
        if (entry.uncompressedSize === 0xffffffff) {
          if (index + 8 > zip64EiefBuffer.length) {
            return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
          }
          entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
          index += 8;
        }
        // 8 - Compressed Size        8 bytes
        if (entry.compressedSize === 0xffffffff) {
          if (index + 8 > zip64EiefBuffer.length) {
            return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
          }
          entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
          index += 8;
        }
        // 16 - Relative Header Offset 8 bytes
        if (entry.relativeOffsetOfLocalHeader === 0xffffffff) {
          if (index + 8 > zip64EiefBuffer.length) {
            return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
          }
          entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
          index += 8;
        }
        // 24 - Disk Start Number      4 bytes

        break;
      }

      // validate file size
      if (self.validateEntrySizes && entry.compressionMethod === 0) {
        var expectedCompressedSize = entry.uncompressedSize;
        if (entry.isEncrypted()) {
          // traditional encryption prefixes the file data with a header
          expectedCompressedSize += 12;
        }
        if (entry.compressedSize !== expectedCompressedSize) {
          var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
          return emitErrorAndAutoClose(self, new Error(msg));
        }
      }

      self.emit("entry", entry);

      if (!self.lazyEntries) self._readEntry();
    });
  });
};

ZipFile.prototype.eachEntry = function() {
  const self = this;
  if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
  if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
  self.hasEachEntryBeenCalled = true;

  let pendingResolveReject = null;
  self.on("entry", onEntry);
  self.on("end", onEnd);
  self.on("error", onError);
  function cleanup() {
    self.removeListener("entry", onEntry);
    self.removeListener("end", onEnd);
    self.removeListener("error", onError);
    if (self.autoClose) self.close();
  }

  function onEntry(entry) {
    let {resolve} = pendingResolveReject;
    pendingResolveReject = null;
    resolve({value: entry});
  }
  function onEnd() {
    let {resolve} = pendingResolveReject;
    pendingResolveReject = null;
    cleanup();
    resolve({done: true});
  }
  function onError(err) {
    let {reject} = pendingResolveReject;
    pendingResolveReject = null;
    cleanup();
    reject(err);
  }

  return {
    [Symbol.asyncIterator]() {
      // Called once by `for await...of`.
      return this;
    },
    next() {
      // Called on each iteration in a `for await...of`.
      const promise = new Promise((resolve, reject) => {
        if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
        pendingResolveReject = {resolve, reject};
      });
      self.readEntry();
      return promise;
    },
    return(value) {
      // Called when breaking, returning, throwing out of a `for await...of`.
      cleanup();
      return Promise.resolve({done: true, value});
    },
    throw(value) {
      // Almost never called. Something about `yield*` maybe?
      cleanup();
      return Promise.reject(value);
    },
  };
};

ZipFile.prototype.openReadStream = function(entry, options, callback) {
  var self = this;
  // parameter validation
  var relativeStart = 0;
  var relativeEnd = entry.compressedSize;
  if (callback == null) {
    callback = options;
    options = null;
  }
  if (options == null) {
    options = {};
  } else {
    if (options.decodeFileData === false) {
      // new, simple option
      if (options.decrypt != null) {
        throw new Error("cannot use options.decrypt when options.decodeFileData === false");
      }
      if (options.decompress != null) {
        throw new Error("cannot use options.decompress when options.decodeFileData === false");
      }
      // start and end are allowed
    } else {
      // old, complicated options
      if (options.decrypt != null) {
        if (!entry.isEncrypted()) {
          throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
        }
        if (options.decrypt !== false) throw new Error("invalid options.decrypt value: " + options.decrypt);
        if (entry.isCompressed()) {
          if (options.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
        }
      }
      if (options.decompress != null) {
        if (!entry.isCompressed()) {
          throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
        }
        if (!(options.decompress === false || options.decompress === true)) {
          throw new Error("invalid options.decompress value: " + options.decompress);
        }
        decompress = options.decompress;
      }
    }
    if (options.start != null) {
      relativeStart = options.start;
      if (relativeStart < 0) throw new Error("options.start < 0");
      if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
    }
    if (options.end != null) {
      relativeEnd = options.end;
      if (relativeEnd < 0) throw new Error("options.end < 0");
      if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
      if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
    }
  }
  var rawMode = (
    options.decodeFileData === false || // Explicitly requested raw.
    (
      (entry.compressionMethod === 0 || // Naturally without compression.
        (entry.compressionMethod === 8 && options.decompress === false) // Deprecated compression bypass option.
      ) &&
      (!entry.isEncrypted() || // Naturally without encryption.
        options.decrypt === false // Deprecated encryption bypass option.
      )
    )
  );
  if (options.start != null || options.end != null) {
    // Ensure slicing deals with raw data.
    if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
  }

  // any further errors can either be caused by the zipfile,
  // or were introduced in a minor version of yauzl,
  // so should be passed to the client rather than thrown.
  if (!self.isOpen) return callback(new Error("closed"));
  if (entry.isEncrypted() && !rawMode) {
    if (options.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
  }
  var decompress;
  if (rawMode) {
    decompress = false;
  } else if (entry.compressionMethod === 8) {
    // 8 - The file is Deflated
    decompress = options.decodeFileData !== true;
  } else {
    return callback(new Error("unsupported compression method: " + entry.compressionMethod));
  }

  self.readLocalFileHeader(entry, {minimal: true}, function(err, localFileHeader) {
    if (err) return callback(err);
    self.openReadStreamLowLevel(
      localFileHeader.fileDataStart, entry.compressedSize,
      relativeStart, relativeEnd,
      decompress, entry.uncompressedSize,
      callback);
  });
};

ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
  var self = this;

  var fileDataEnd = fileDataStart + compressedSize;
  var readStream = self.reader.createReadStream({
    start: fileDataStart + relativeStart,
    end: fileDataStart + relativeEnd,
  });
  var endpointStream = readStream;
  if (decompress) {
    var destroyed = false;
    var inflateFilter = zlib.createInflateRaw();
    readStream.on("error", function(err) {
      // setImmediate here because errors can be emitted during the first call to pipe()
      setImmediate(function() {
        if (!destroyed) inflateFilter.emit("error", err);
      });
    });
    readStream.pipe(inflateFilter);

    if (self.validateEntrySizes) {
      endpointStream = new AssertByteCountStream(uncompressedSize);
      inflateFilter.on("error", function(err) {
        // forward zlib errors to the client-visible stream
        setImmediate(function() {
          if (!destroyed) endpointStream.emit("error", err);
        });
      });
      inflateFilter.pipe(endpointStream);
    } else {
      // the zlib filter is the client-visible stream
      endpointStream = inflateFilter;
    }
    // this is part of yauzl's API, so implement this function on the client-visible stream
    installDestroyFn(endpointStream, function() {
      destroyed = true;
      if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
      readStream.unpipe(inflateFilter);
      // TODO: the inflateFilter may cause a memory leak. see Issue #27.
      readStream.destroy();
    });
  }
  callback(null, endpointStream);
};

ZipFile.prototype.readLocalFileHeader = function(entry, options, callback) {
  var self = this;
  if (callback == null) {
    callback = options;
    options = null;
  }
  if (options == null) options = {};

  self.reader.ref();
  var buffer = newBuffer(30);
  readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
    try {
      if (err) return callback(err);
      // 0 - Local file header signature = 0x04034b50
      var signature = buffer.readUInt32LE(0);
      if (signature !== 0x04034b50) {
        return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
      }

      var fileNameLength = buffer.readUInt16LE(26);
      var extraFieldLength = buffer.readUInt16LE(28);
      var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
      // We now have enough information to do this bounds check.
      if (fileDataStart + entry.compressedSize > self.fileSize) {
        return callback(new Error("file data overflows file bounds: " +
            fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
      }

      if (options.minimal) {
        return callback(null, {fileDataStart: fileDataStart});
      }

      var localFileHeader = new LocalFileHeader();
      localFileHeader.fileDataStart = fileDataStart;

      // 4 - Version needed to extract (minimum)
      localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
      // 6 - General purpose bit flag
      localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
      // 8 - Compression method
      localFileHeader.compressionMethod = buffer.readUInt16LE(8);
      // 10 - File last modification time
      localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
      // 12 - File last modification date
      localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
      // 14 - CRC-32
      localFileHeader.crc32 = buffer.readUInt32LE(14);
      // 18 - Compressed size
      localFileHeader.compressedSize = buffer.readUInt32LE(18);
      // 22 - Uncompressed size
      localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
      // 26 - File name length (n)
      localFileHeader.fileNameLength = fileNameLength;
      // 28 - Extra field length (m)
      localFileHeader.extraFieldLength = extraFieldLength;
      // 30 - File name
      // 30+n - Extra field

      buffer = newBuffer(fileNameLength + extraFieldLength);
      self.reader.ref();
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err) {
        try {
          if (err) return callback(err);
          localFileHeader.fileName = buffer.subarray(0, fileNameLength);
          localFileHeader.extraField = buffer.subarray(fileNameLength);
          return callback(null, localFileHeader);
        } finally {
          self.reader.unref();
        }
      });
    } finally {
      self.reader.unref();
    }
  });
};

ZipFile.prototype.openReadStreamPromise = function(entry, options) {
  return new Promise((resolve, reject) => {
    this.openReadStream(entry, options, function(err, readStream) {
      if (err) return reject(err);
      resolve(readStream);
    });
  });
};
ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
  return new Promise((resolve, reject) => {
    this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
      if (err) return reject(err);
      resolve(readStream);
    });
  });
};
ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options) {
  return new Promise((resolve, reject) => {
    this.readLocalFileHeader(entry, options, function(err, localFileHeader) {
      if (err) return reject(err);
      resolve(localFileHeader);
    });
  });
};

function Entry() {
}
Entry.prototype.getLastModDate = function(options) {
  if (options == null) options = {};

  if (!options.forceDosFormat) {
    // Check extended fields.
    for (var i = 0; i < this.extraFields.length; i++) {
      var extraField = this.extraFields[i];
      if (extraField.id === 0x5455) {
        // Info-ZIP "universal timestamp" extended field (`0x5455` aka `"UT"`).
        // See the Info-ZIP source code unix/unix.c:set_extra_field() and zipfile.c:ef_scan_ut_time().
        var data = extraField.data;
        if (data.length < 5) continue; // Too short.
        // The flags define which of the three fields are present: mtime, atime, ctime.
        // We only care about mtime.
        // Also, ctime is never included in practice.
        // And also, atime is only included in the local file header for some reason
        // despite the flags lying about its inclusion in the central header.
        var flags = data[0];
        var HAS_MTIME = 1;
        if (!(flags & HAS_MTIME)) continue; // This will realistically never happen.
        // Although the positions of all of the fields shift around depending on the presence of other fields,
        // mtime is always first if present, and that's the only one we care about.
        var posixTimestamp = data.readInt32LE(1);
        return new Date(posixTimestamp * 1000);
      } else if (extraField.id === 0x000a) {
        var data = extraField.data;
        if (data.length !== 32) continue; // The length is always the same.
        // 4 bytes reserved
        // 2 bytes Tag
        if (data.readUInt16LE(4) !== 1) continue; // Tag1 is actually the only defined Tag.
        // 2 bytes Size
        if (data.readUInt16LE(6) !== 24) continue; // Size is always 24.
        // 8 bytes Mtime
        var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
        // Convert from NTFS to POSIX milliseconds.
        // The big number below is the milliseconds between year 1601 and year 1970
        // (i.e. the negative POSIX timestamp of 1601-01-01 00:00:00Z)
        var millisecondsSince1970 = hundredNanoSecondsSince1601 / 10000 - 11644473600000;
        // Note on numeric precision: JavaScript Number objects lose precision above Number.MAX_SAFE_INTEGER,
        // and NTFS timestamps are typically much bigger than that limit.
        // (MAX_SAFE_INTEGER would represent 1629-07-17T23:58:45.475Z.)
        // However, we're losing precision in the conversion from 100nanosecond units to millisecond units anyway,
        // and the time at which we also lose 1-millisecond precision is year 275760, the JavaScript Date limit (by design).
        // Up through the year 2057, this conversion only drops 4 bits of precision,
        // which is well under the 13-14 bits ratio between the milliseconds and 100nanoseconds.
        return new Date(millisecondsSince1970);
      }
    }
  }

  // Fallback to non-extended encoding.
  return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options.timezone);
};

Entry.prototype.canDecodeFileData = function() {
  return (
    !this.isEncrypted() &&
    (this.compressionMethod === 0 || this.compressionMethod === 8)
  );
};
Entry.prototype.isEncrypted = function() {
  return (this.generalPurposeBitFlag & 0x1) !== 0;
};
Entry.prototype.isCompressed = function() {
  return this.compressionMethod === 8;
};

function LocalFileHeader() {
}

function dosDateTimeToDate(date, time, timezone) {
  var day = date & 0x1f; // 1-31
  var month = (date >> 5 & 0xf) - 1; // 1-12, 0-11
  var year = (date >> 9 & 0x7f) + 1980; // 0-128, 1980-2108

  var millisecond = 0;
  var second = (time & 0x1f) * 2; // 0-29, 0-58 (even numbers)
  var minute = time >> 5 & 0x3f; // 0-59
  var hour = time >> 11 & 0x1f; // 0-23

  if (timezone == null || timezone === "local") {
    return new Date(year, month, day, hour, minute, second, millisecond);
  } else if (timezone === "UTC") {
    return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
  } else {
    throw new Error("unrecognized options.timezone: " + options.timezone);
  }
}

function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
  var fileName = null;

  // check for Info-ZIP Unicode Path Extra Field (0x7075)
  // see https://github.com/thejoshwolfe/yauzl/issues/33
  for (var i = 0; i < extraFields.length; i++) {
    var extraField = extraFields[i];
    if (extraField.id === 0x7075) {
      if (extraField.data.length < 6) {
        // too short to be meaningful
        continue;
      }
      // Version       1 byte      version of this extra field, currently 1
      if (extraField.data.readUInt8(0) !== 1) {
        // > Changes may not be backward compatible so this extra
        // > field should not be used if the version is not recognized.
        continue;
      }
      // NameCRC32     4 bytes     File Name Field CRC32 Checksum
      var oldNameCrc32 = extraField.data.readUInt32LE(1);
      if (crc32(fileNameBuffer) !== oldNameCrc32) {
        // > If the CRC check fails, this UTF-8 Path Extra Field should be
        // > ignored and the File Name field in the header should be used instead.
        continue;
      }
      // UnicodeName   Variable    UTF-8 version of the entry File Name
      fileName = decodeBuffer(extraField.data.subarray(5), true);
      break;
    }
  }

  if (fileName == null) {
    // The typical case.
    var isUtf8 = (generalPurposeBitFlag & 0x800) !== 0;
    fileName = decodeBuffer(fileNameBuffer, isUtf8);
  }

  if (!strictFileNames) {
    // Allow backslash.
    fileName = fileName.replace(/\\/g, "/");
  }
  return fileName;
}

function validateFileName(fileName) {
  if (fileName.indexOf("\\") !== -1) {
    return "invalid characters in fileName: " + fileName;
  }
  if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
    return "absolute path: " + fileName;
  }
  if (fileName.split("/").indexOf("..") !== -1) {
    return "invalid relative path: " + fileName;
  }
  // all good
  return null;
}

function parseExtraFields(extraFieldBuffer) {
  var extraFields = [];
  var i = 0;
  while (i < extraFieldBuffer.length - 3) {
    var headerId = extraFieldBuffer.readUInt16LE(i + 0);
    var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
    var dataStart = i + 4;
    var dataEnd = dataStart + dataSize;
    if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
    var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
    extraFields.push({
      id: headerId,
      data: dataBuffer,
    });
    i = dataEnd;
  }
  return extraFields;
}

function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
  if (length === 0) {
    // fs.read will throw an out-of-bounds error if you try to read 0 bytes from a 0 byte file
    return setImmediate(function() { callback(null, newBuffer(0)); });
  }
  reader.read(buffer, offset, length, position, function(err, bytesRead) {
    if (err) return callback(err);
    if (bytesRead < length) {
      return callback(new Error("unexpected EOF"));
    }
    callback();
  });
}

util.inherits(AssertByteCountStream, Transform);
function AssertByteCountStream(byteCount) {
  Transform.call(this);
  this.actualByteCount = 0;
  this.expectedByteCount = byteCount;
}
AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
  this.actualByteCount += chunk.length;
  if (this.actualByteCount > this.expectedByteCount) {
    var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
    return cb(new Error(msg));
  }
  cb(null, chunk);
};
AssertByteCountStream.prototype._flush = function(cb) {
  if (this.actualByteCount < this.expectedByteCount) {
    var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
    return cb(new Error(msg));
  }
  cb();
};

util.inherits(RandomAccessReader, EventEmitter);
function RandomAccessReader() {
  EventEmitter.call(this);
  this.refCount = 0;
}
RandomAccessReader.prototype.ref = function() {
  this.refCount += 1;
};
RandomAccessReader.prototype.unref = function() {
  var self = this;
  self.refCount -= 1;

  if (self.refCount > 0) return;
  if (self.refCount < 0) throw new Error("invalid unref");

  self.close(onCloseDone);

  function onCloseDone(err) {
    if (err) return self.emit('error', err);
    self.emit('close');
  }
};
RandomAccessReader.prototype.createReadStream = function(options) {
  if (options == null) options = {};
  var start = options.start;
  var end = options.end;
  if (start === end) {
    var emptyStream = new PassThrough();
    setImmediate(function() {
      emptyStream.end();
    });
    return emptyStream;
  }
  var stream = this._readStreamForRange(start, end);

  var destroyed = false;
  var refUnrefFilter = new RefUnrefFilter(this);
  stream.on("error", function(err) {
    setImmediate(function() {
      if (!destroyed) refUnrefFilter.emit("error", err);
    });
  });
  installDestroyFn(refUnrefFilter, function() {
    stream.unpipe(refUnrefFilter);
    refUnrefFilter.unref();
    stream.destroy();
  });

  var byteCounter = new AssertByteCountStream(end - start);
  refUnrefFilter.on("error", function(err) {
    setImmediate(function() {
      if (!destroyed) byteCounter.emit("error", err);
    });
  });
  installDestroyFn(byteCounter, function() {
    destroyed = true;
    refUnrefFilter.unpipe(byteCounter);
    refUnrefFilter.destroy();
  });

  return stream.pipe(refUnrefFilter).pipe(byteCounter);
};
RandomAccessReader.prototype._readStreamForRange = function(start, end) {
  throw new Error("not implemented");
};
RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
  var readStream = this.createReadStream({start: position, end: position + length});
  var writeStream = new Writable();
  var written = 0;
  writeStream._write = function(chunk, encoding, cb) {
    chunk.copy(buffer, offset + written, 0, chunk.length);
    written += chunk.length;
    cb();
  };
  writeStream.on("finish", callback);
  readStream.on("error", function(error) {
    callback(error);
  });
  readStream.pipe(writeStream);
};
RandomAccessReader.prototype.close = function(callback) {
  setImmediate(callback);
};

util.inherits(RefUnrefFilter, PassThrough);
function RefUnrefFilter(context) {
  PassThrough.call(this);
  this.context = context;
  this.context.ref();
  this.unreffedYet = false;
}
RefUnrefFilter.prototype._flush = function(cb) {
  this.unref();
  cb();
};
RefUnrefFilter.prototype.unref = function(cb) {
  if (this.unreffedYet) return;
  this.unreffedYet = true;
  this.context.unref();
};

var cp437 = '\u0000☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼ !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⌂ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ';
function decodeBuffer(buffer, isUtf8) {
  if (isUtf8) {
    return buffer.toString("utf8");
  } else {
    var result = "";
    for (var i = 0; i < buffer.length; i++) {
      result += cp437[buffer[i]];
    }
    return result;
  }
}

function readUInt64LE(buffer, offset) {
  // There is no native function for this, because we can't actually store 64-bit integers precisely.
  // after 53 bits, JavaScript's Number type (IEEE 754 double) can't store individual integers anymore.
  // but since 53 bits is a whole lot more than 32 bits, we do our best anyway.
  // As of 2020, Node has added support for BigInt, which obviates this whole function,
  // but yauzl hasn't been updated to depend on BigInt (yet?).
  var lower32 = buffer.readUInt32LE(offset);
  var upper32 = buffer.readUInt32LE(offset + 4);
  // we can't use bitshifting here, because JavaScript bitshifting only works on 32-bit integers.
  return upper32 * 0x100000000 + lower32;
  // as long as we're bounds checking the result of this function against the total file size,
  // we'll catch any overflow errors, because we already made sure the total file size was within reason.
}

// Node 10 deprecated new Buffer().
var newBuffer;
if (typeof Buffer.allocUnsafe === "function") {
  newBuffer = function(len) {
    return Buffer.allocUnsafe(len);
  };
} else {
  newBuffer = function(len) {
    return new Buffer(len);
  };
}

// Node 8 introduced a proper destroy() implementation on writable streams.
function installDestroyFn(stream, fn) {
  if (typeof stream.destroy === "function") {
    // New API.
    stream._destroy = function(err, cb) {
      fn();
      if (cb != null) cb(err);
    };
  } else {
    // Old API.
    stream.destroy = fn;
  }
}

function defaultCallback(err) {
  if (err) throw err;
}


/***/ }),

/***/ 434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 75:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 774:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream/web");

/***/ }),

/***/ 23:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

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
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
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
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/entropy.js
/** Shannon entropy of a string in bits per character. */
function shannonEntropy(text) {
    if (text.length === 0)
        return 0;
    const counts = new Map();
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let bits = 0;
    for (const n of counts.values()) {
        const p = n / text.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}
//# sourceMappingURL=entropy.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/regex-reader.js
/** Reading a regex source's start: the subset of regex syntax the guards (guard.ts) understand. */
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const WORD = [...range(48, 57), ...range(65, 90), ...range(97, 122), 95];
const DIGIT = range(48, 57);
/** `\s` among latin1 characters (the others are above 255). */
const SPACE = (/* unused pure expression or super */ null && ([9, 10, 11, 12, 13, 32, 160]));
/** Thrown (and caught by compileGuard) where the regex leaves the subset read here. */
class regex_reader_Unsupported extends (/* unused pure expression or super */ null && (Error)) {
}
/**
 * The bytes matched by `codes` (or by anything else, `negated`). Case-insensitive: ASCII letters
 * stand for both cases; a latin1 letter above 127 could stand for others, so every byte above
 * 127 is allowed then.
 */
function setOf(codes, caseless, negated = false) {
    const set = new Uint8Array(256);
    for (const c of codes) {
        if (c > 255)
            continue;
        set[c] = 1;
        if (caseless && c >= 65 && c <= 90)
            set[c + 32] = 1;
        if (caseless && c >= 97 && c <= 122)
            set[c - 32] = 1;
    }
    if (negated)
        for (let c = 0; c < 256; c++)
            set[c] = set[c] ? 0 : 1;
    if (caseless && codes.some((c) => c > 127))
        set.fill(1, 128);
    return set;
}
/** A regex source read from left to right. */
class regex_reader_Reader {
    src;
    i = 0;
    constructor(src) {
        this.src = src;
    }
    /** One escape after a backslash: a class shorthand's codes, or one character's code. */
    escape(inClass) {
        const e = this.src[this.i + 1];
        this.i += 2;
        if (e === undefined)
            throw new regex_reader_Unsupported("trailing backslash");
        if (e === "w")
            return WORD;
        if (e === "d")
            return DIGIT;
        if (e === "s")
            return SPACE;
        if (e === "t")
            return [9];
        if (e === "n")
            return [10];
        if (e === "r")
            return [13];
        if (e === "x" && /^[0-9a-fA-F]{2}$/.test(this.src.slice(this.i, this.i + 2))) {
            this.i += 2;
            return [Number.parseInt(this.src.slice(this.i - 2, this.i), 16)];
        }
        // Any other letter or digit escape means something else (\b, \k, \1, \u…): not read here.
        if (/[A-Za-z0-9]/.test(e))
            throw new regex_reader_Unsupported(`escape \\${e}${inClass ? " in a class" : ""}`);
        return [e.charCodeAt(0)];
    }
    /** A class `[…]` (this.i at `[`), as the set of latin1 bytes it matches. */
    klass(caseless) {
        this.i++;
        const negated = this.src[this.i] === "^";
        if (negated)
            this.i++;
        const codes = [];
        const one = () => (this.src[this.i] === "\\" ? this.escape(true) : [this.src.charCodeAt(this.i++)]);
        while (this.src[this.i] !== "]") {
            if (this.i >= this.src.length)
                throw new regex_reader_Unsupported("open class");
            const a = one();
            if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && a.length === 1) {
                this.i++;
                const b = one();
                if (b.length !== 1)
                    throw new regex_reader_Unsupported("range to a shorthand");
                codes.push(...range(a[0], b[0]));
            }
            else
                codes.push(...a);
        }
        this.i++;
        return setOf(codes, caseless, negated);
    }
    /** Where the group opened just before `from` closes, and whether it has a top-level `|`. */
    groupEnd(from) {
        let depth = 0;
        let alternation = false;
        for (let j = from; j < this.src.length; j++) {
            const c = this.src[j];
            if (c === "\\")
                j++;
            else if (c === "[") {
                for (j++; j < this.src.length && this.src[j] !== "]"; j++)
                    if (this.src[j] === "\\")
                        j++;
            }
            else if (c === "(")
                depth++;
            else if (c === ")") {
                if (depth === 0)
                    return { end: j, alternation };
                depth--;
            }
            else if (c === "|" && depth === 0)
                alternation = true;
        }
        throw new regex_reader_Unsupported("unclosed group");
    }
    /**
     * One character, escape or class and its count (max Infinity when unbounded), this.i past it;
     * undefined (this.i unchanged) at anything else.
     */
    item(caseless) {
        const c = this.src[this.i];
        if (c === undefined || "()|.^$?*+{}]".includes(c))
            return undefined;
        let set;
        if (c === "[")
            set = this.klass(caseless);
        else if (c === "\\")
            set = setOf(this.escape(false), caseless);
        else {
            set = setOf([c.charCodeAt(0)], caseless);
            this.i++;
        }
        const q = /^(?:\{(\d+)(?:(,)(\d*))?\}|[?*+])\??/.exec(this.src.slice(this.i));
        if (q === null)
            return { set, min: 1, max: 1 };
        this.i += q[0].length;
        if (q[0][0] === "?")
            return { set, min: 0, max: 1 };
        if (q[0][0] === "*")
            return { set, min: 0, max: Number.POSITIVE_INFINITY };
        if (q[0][0] === "+")
            return { set, min: 1, max: Number.POSITIVE_INFINITY };
        const min = Number(q[1]);
        return { set, min, max: q[2] === undefined ? min : q[3] === "" ? Number.POSITIVE_INFINITY : Number(q[3]) };
    }
}
//# sourceMappingURL=regex-reader.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/text.js
/** Buffer's own latin1 slicer (what `toString("latin1", start, end)` ends in, without its argument checks). */
const latin1Slice = Buffer.prototype.latin1Slice ??
    function (start, end) {
        return this.toString("latin1", start, end);
    };
/**
 * Characters turned into a string at once. Strings this short live in the young generation of the
 * heap and die there; whole-file strings of large files went to the large-object space, whose
 * growth set off a full garbage collection every few dozen megabytes.
 */
const BLOCK = 64 * 1024;
/** An index as String.prototype.slice reads it: negative from the end, clamped to [0, length]. */
function clampIndex(index, length, fallback) {
    if (index === undefined)
        return fallback;
    const i = Math.trunc(index) || 0;
    return i < 0 ? Math.max(length + i, 0) : Math.min(i, length);
}
/**
 * Bytes read as latin1 text. The keyword filter and the searches for single characters read the
 * bytes; a slice is cut from a string of the block around it (up to BLOCK characters, the whole
 * text when it is short), made when a slice first falls outside the last block. The matcher asks
 * for slices in order of position, so each byte is turned into a string about once.
 */
class ByteText {
    bytes;
    length;
    /** The characters [blockStart, blockStart + block.length) as a string. */
    block = "";
    blockStart = 0;
    constructor(bytes) {
        this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        this.length = bytes.byteLength;
    }
    /** Characters [start, end) as a string (as String.prototype.slice). */
    slice(start, end) {
        const n = this.length;
        const from = clampIndex(start, n, 0);
        const to = clampIndex(end, n, n);
        if (to <= from)
            return "";
        let offset = from - this.blockStart;
        if (offset < 0 || to - this.blockStart > this.block.length) {
            // A short text is made a string whole; a longer one from `from` on, a block (or the slice) long.
            // The block starts a little before the slice: the matcher's next slices start no more than
            // a line's look-back (256 characters) before this one.
            const whole = n <= BLOCK + BLOCK / 2;
            const blockStart = whole ? 0 : Math.max(0, from - 1024);
            const blockEnd = whole ? n : Math.min(n, Math.max(to, blockStart + BLOCK));
            this.block = latin1Slice.call(this.bytes, blockStart, blockEnd);
            this.blockStart = blockStart;
            offset = from - blockStart;
        }
        return this.block.slice(offset, offset + (to - from));
    }
    /**
     * Characters [start, end) as a string of their own, leaving the block alone: for slices taken
     * here and there (a literal, an encoded run) rather than in order.
     */
    sliceApart(start, end) {
        const from = clampIndex(start, this.length, 0);
        const to = clampIndex(end, this.length, this.length);
        if (to <= from)
            return "";
        const offset = from - this.blockStart;
        if (offset >= 0 && to - this.blockStart <= this.block.length)
            return this.block.slice(offset, offset + (to - from));
        return latin1Slice.call(this.bytes, from, to);
    }
    /** The byte at `index`, NaN outside the text (as String.prototype.charCodeAt). */
    charCodeAt(index = 0) {
        return index >= 0 && index < this.length ? this.bytes[index] : Number.NaN;
    }
    /** Position of `search` at or after `position`, -1 when absent (as String.prototype.indexOf). */
    indexOf(search, position = 0) {
        const from = Math.min(Math.max(position, 0), this.length);
        if (search.length === 0)
            return from;
        if (search.length > 1)
            return this.bytes.indexOf(search, from, "latin1");
        const code = search.charCodeAt(0);
        return code > 0xff ? -1 : this.bytes.indexOf(code, from);
    }
}
/** text[start, end) for a caller that slices here and there: from a ByteText, without moving its block. */
function sliceApart(text, start, end) {
    return text instanceof ByteText ? text.sliceApart(start, end) : text.slice(start, end);
}
//# sourceMappingURL=text.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/guard.js


/** The tail is followed for at most this many bytes past the fixed start. */
const MAX_TAIL = 256;
/** Reads the guard off an anchored rule's regex source; undefined when its start says nothing usable. */
function compileGuard(source, depth = 0) {
    try {
        return readGuard(new Reader(source), depth);
    }
    catch (error) {
        if (error instanceof Unsupported)
            return undefined;
        throw error;
    }
}
function readGuard(r, depth) {
    let behind;
    const steps = [];
    // Once a count varies, the bytes after it no longer sit at fixed offsets: they make the tail.
    let gaps;
    let next;
    const caseless = [false];
    for (;;) {
        const c = r.src[r.i];
        const here = caseless[caseless.length - 1];
        if (behind === undefined && steps.length === 0 && gaps === undefined && r.src.startsWith("(?<![", r.i)) {
            // A lookbehind before the first byte: what may not come before the hit.
            r.i += 4;
            behind = r.klass(false);
            if (r.src[r.i] !== ")")
                throw new Unsupported("lookbehind of more than one class");
            r.i++;
            continue;
        }
        if (c === "(") {
            const open = /^\((?:\?i:|\?:|\?<[A-Za-z_]\w*>|(?!\?))/.exec(r.src.slice(r.i))?.[0];
            if (open === undefined)
                break; // lookaround, inline flags other than i
            const { end, alternation } = r.groupEnd(r.i + open.length);
            if (/[?*+{]/.test(r.src[end + 1] ?? ""))
                break; // a group quantified as a whole
            const inner = open === "(?i:" || here;
            if (alternation && gaps) {
                // In the tail: one of the alternatives' fixed starts is next.
                next = alternativeStarts(r.src.slice(r.i + open.length, end), inner);
                break;
            }
            if (alternation) {
                // (A|B) in place: the regex matches where the regex with (A) or the one with (B) does.
                const each = splitAlternatives(r.src.slice(r.i + open.length, end)).map((alternative) => depth < 3
                    ? compileGuard(`${r.src.slice(0, r.i)}${open}${alternative}${r.src.slice(end)}`, depth + 1)
                    : undefined);
                if (each.length <= 24 && each.every((g) => g !== undefined))
                    return { steps: [], behind: undefined, tail: undefined, any: each };
                break;
            }
            caseless.push(inner);
            r.i += open.length;
            continue;
        }
        if (c === ")") {
            caseless.pop();
            r.i++;
            continue;
        }
        const itemStart = r.i;
        const item = r.item(here);
        if (item === undefined)
            break;
        if (gaps === undefined) {
            for (let k = 0; k < item.min; k++)
                steps.push(item.set);
            if (item.max === item.min)
                continue;
            gaps = [{ set: item.set, min: 0, max: item.max - item.min }];
        }
        else if (item.min === item.max && item.min > 0) {
            r.i = itemStart;
            next = [fixedStart(r, here)];
            break;
        }
        else
            gaps.push(item);
        if (gaps.reduce((n, g) => n + g.max, 0) > MAX_TAIL)
            break;
    }
    const tail = gaps && next ? { gaps, next } : undefined;
    return steps.length > 0 || behind || tail ? { steps, behind, tail } : undefined;
}
/** The fixed bytes from r.i on (items of one count, through groups without alternatives), r.i past them. */
function fixedStart(r, caseless) {
    const out = [];
    const flags = [caseless];
    for (;;) {
        const here = flags[flags.length - 1];
        const open = /^\((?:\?i:|\?:|\?<[A-Za-z_]\w*>|(?!\?))/.exec(r.src.slice(r.i))?.[0];
        if (open !== undefined) {
            const { end, alternation } = r.groupEnd(r.i + open.length);
            if (alternation || /[?*+{]/.test(r.src[end + 1] ?? ""))
                return out;
            flags.push(open === "(?i:" || here);
            r.i += open.length;
            continue;
        }
        if (r.src[r.i] === ")" && flags.length > 1) {
            flags.pop();
            r.i++;
            continue;
        }
        const item = r.item(here);
        if (item === undefined)
            return out;
        for (let k = 0; k < item.min; k++)
            out.push(item.set);
        if (item.max !== item.min)
            return out;
    }
}
/** The alternatives of a group's `body`, split at its top-level `|`. */
function splitAlternatives(body) {
    let depth = 0;
    let from = 0;
    const out = [];
    for (let j = 0; j <= body.length; j++) {
        const c = body[j];
        if (c === "\\")
            j++;
        else if (c === "[") {
            for (j++; j < body.length && body[j] !== "]"; j++)
                if (body[j] === "\\")
                    j++;
        }
        else if (c === "(")
            depth++;
        else if (c === ")")
            depth--;
        else if (c === undefined || (c === "|" && depth === 0)) {
            out.push(body.slice(from, j));
            from = j + 1;
        }
    }
    return out;
}
/** The fixed start of each alternative of `body`; undefined when one has none. */
function alternativeStarts(body, caseless) {
    const starts = splitAlternatives(body).map((alternative) => fixedStart(new Reader(alternative), caseless));
    return starts.every((start) => start.length > 0) ? starts : undefined;
}
/**
 * False when `text` at `at` breaks the guard, so that the rule's regex cannot match there.
 * `lookbehind`: whether the regex sees the character before `at` (it does unless the matcher
 * put a sentinel there).
 */
function guardAllows(guard, text, at, lookbehind) {
    if (guard.any) {
        for (const alternative of guard.any)
            if (guardAllows(alternative, text, at, lookbehind))
                return true;
        return false;
    }
    const bytes = text instanceof ByteText ? text.bytes : undefined;
    const { steps, behind } = guard;
    if (behind && lookbehind && at > 0) {
        const c = bytes ? bytes[at - 1] : text.charCodeAt(at - 1);
        if (c < 256 && behind[c] === 1)
            return false;
    }
    if (at + steps.length > text.length)
        return false;
    for (let k = 0; k < steps.length; k++) {
        const c = bytes ? bytes[at + k] : text.charCodeAt(at + k);
        if (c < 256 && steps[k][c] === 0)
            return false;
    }
    return guard.tail === undefined || tailAllows(guard.tail, text, bytes, at + steps.length);
}
/**
 * Whether a `next` sequence can follow the gaps from `from`. The positions a gap can end at are
 * kept as one interval that holds them all (a gap from the interval's last position reaches
 * furthest: a run of its bytes from an earlier position that gets further passes through it),
 * and `next` is compared at each position of the last interval.
 */
function tailAllows(tail, text, bytes, from) {
    const n = text.length;
    let lo = from;
    let hi = from;
    for (const gap of tail.gaps) {
        let run = 0;
        for (; run < gap.max && hi + run < n; run++) {
            const c = bytes ? bytes[hi + run] : text.charCodeAt(hi + run);
            if (c < 256 && gap.set[c] === 0)
                break;
        }
        lo += gap.min;
        hi += run;
        if (hi < lo)
            return false;
    }
    for (let p = lo; p <= hi; p++) {
        for (const sequence of tail.next) {
            if (p + sequence.length > n)
                continue;
            let k = 0;
            for (; k < sequence.length; k++) {
                const c = bytes ? bytes[p + k] : text.charCodeAt(p + k);
                if (c < 256 && sequence[k][c] === 0)
                    break;
            }
            if (k === sequence.length)
                return true;
        }
    }
    return false;
}
//# sourceMappingURL=guard.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/encoded-runs.js
/** Bytes of the base64 (standard and URL-safe), hex and percent-encoding alphabets. */
const ENCODED = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_%-")
    ENCODED[c.charCodeAt(0)] = 1;
/**
 * The runs of encoded alphabet (ENCODED) at least `minRun` bytes long in bytes[0, n), as start,
 * end pairs. A run that long after the last byte known to be outside the alphabet must cover the
 * byte `minRun` further on, so that byte is probed first; when it is inside the alphabet, the
 * bytes before it are scanned back to the nearest outside byte. On source code a probe lands on
 * an outside byte, or finds one a byte or two back, so about one byte in ten is read.
 */
function encodedRuns(bytes, n, minRun) {
    const runs = [];
    let last = -1; // a position known to be outside the alphabet (or before the start)
    const step = Math.max(1, minRun);
    for (let q = last + step; q < n; q = last + step) {
        if (ENCODED[bytes[q]] === 0) {
            last = q;
            continue;
        }
        let r = q - 1;
        while (r > last && ENCODED[bytes[r]] === 1)
            r--;
        if (r > last) {
            last = r;
            continue;
        }
        let end = q + 1;
        while (end < n && ENCODED[bytes[end]] === 1)
            end++;
        runs.push(last + 1, end);
        last = end;
    }
    return runs;
}
//# sourceMappingURL=encoded-runs.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/keyword-scan.js
// The hot loops of the keyword filter (keywords.ts): which 4-byte steps of the input need a closer look.
/** Bits of the hash of a 4-byte window: a 256 KB bitmap, which stays in the second-level cache. */
const HASH_BITS = 21;
const HASH_SHIFT = 32 - HASH_BITS;
const MULTIPLIER = 0x9e3779b1;
/** Every byte of a hashed window is OR-ed with this: ASCII upper case lands on lower case. */
const LOOSE = 0x20202020;
/** The bitmap index of a (loosened) 4-byte window. */
function hashWindow(w) {
    return Math.imul(w, MULTIPLIER) >>> HASH_SHIFT;
}
/** A second hash of a window (another multiplier): the WebAssembly loop checks a second bitmap with it. */
function hashWindow2(w) {
    return Math.imul(w, 0x85ebca6b) >>> HASH_SHIFT;
}
/** The 32-bit window of four loosened bytes as the scan reads it (first byte in the low bits). */
function windowOf(a, b, c, d) {
    return (a | (b << 8) | (c << 16) | (d << 24) | LOOSE) >>> 0;
}
/** Adds `key` to the sorted `list`: hits arrive nearly in order (a keyword's length out at most). */
function insertSorted(list, key) {
    let i = list.length;
    list.push(key);
    for (; i > 0 && list[i - 1] > key; i--)
        list[i] = list[i - 1];
    list[i] = key;
}
/**
 * The steps (4-byte words) from `from` that need a closer look, into `out`, until it is full: a
 * window at offset 0 or 2 of the step is in the bitmap, or a pair at offset 0-3 is a keyword.
 */
function candidateSteps(words, from, steps, bits, pairs, out) {
    let k = 0;
    let q = words[from] | LOOSE;
    for (let i = from; i < steps; i++) {
        const next = words[i + 1] | LOOSE;
        const mid = (q >>> 16) | (next << 16);
        const h1 = Math.imul(q, MULTIPLIER) >>> HASH_SHIFT;
        const h2 = Math.imul(mid, MULTIPLIER) >>> HASH_SHIFT;
        const flags = (bits[h1 >> 5] & (1 << h1)) |
            (bits[h2 >> 5] & (1 << h2)) |
            pairs[q & 0xffff] |
            pairs[(q >>> 8) & 0xffff] |
            pairs[q >>> 16] |
            pairs[(mid >>> 8) & 0xffff];
        if (flags !== 0) {
            out[k++] = i;
            if (k === out.length)
                return k;
        }
        q = next;
    }
    return k;
}
/** `candidateSteps` on a big-endian machine, reading bytes one by one. */
function candidateStepsPortable(bytes, from, steps, bits, pairs, out) {
    let k = 0;
    for (let i = from; i < steps; i++) {
        const p = i << 2;
        const b = (j) => bytes[p + j];
        const h1 = hashWindow(windowOf(b(0), b(1), b(2), b(3)));
        const h2 = hashWindow(windowOf(b(2), b(3), b(4), b(5)));
        let flags = (bits[h1 >> 5] & (1 << h1)) | (bits[h2 >> 5] & (1 << h2));
        for (let j = 0; j < 4; j++)
            flags |= pairs[(b(j) | (b(j + 1) << 8) | 0x2020) & 0xffff];
        if (flags !== 0) {
            out[k++] = i;
            if (k === out.length)
                return k;
        }
    }
    return k;
}
//# sourceMappingURL=keyword-scan.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/common-trigrams.js
// Generated by bench/secrets/trigrams.mjs from 123 MB of node_modules: the most frequent
// case-folded bytes, pairs and trigrams of source text, most frequent first. Only the speed of the
// keyword prefilter depends on them (it anchors keywords on rare trigrams), never what is found.
/** Printable bytes, most frequent first. */
const COMMON_BYTES = " etarnsioc\"ludphm,f:.gby()=}{v;*/wkx0\u0024_1-q\\j'2][|?@>89!z3&4`65+<7#~^%";
/** Frequent pairs, two characters each, most frequent first. */
const COMMON_PAIRS = '  reerone atinstes ttite":thenorn sedentiomepet ethe a: letaacars co," iroedurise"catral samaacttyan c, rinsou rnecetoraeaypecngma *ex",r  "li:{na {nditpoas == d fitugepaidun out fncchue},prrts. elo:" pemul{"if nve"svarsicf odhasitsll dusrrfornbe }el\\nss* omdalaquhiagap) s"keil== (opsoe.nompef);sh mofimbadi bol"teqsp wruia /oce,y luiecrsc v**}}ttn"mbaiadotxt ufasuo */igpl/*a ck. put"t.rcxpmo"m lptclltnud"{}niviepabblirmiev?:obupfug ayry"}uc"ltpl tcnfbo \'egrmoweee)nnuiumfeh au"r.td\u0024busa),ho(ee(c,aw 0ci hwilsppoigr"iib()waeyoook gt,docum ld.sewos,cipr"rv--oar.&&pi//e;nphtgit(fre:)) ) |],eidut\u0024,es,){ws/ jeweyods,i} galyak.cn. y.pcciv0.r,b,ps"cgsr(| jsebs:rgvobjffguw aeeo00"dd,msn(ubt_wo(tovqadrwh0,;irkdd 1"aize_"nt)ua"e=>rf")rdf(!="oav,m.r("l\u0024zeud["d. @.l( "] &ysu gtog.d,osys)flyn> pdkia,lb.0.. !nkzo k})||d) `k []mm(rya"pgh(c:[sk):n, _,saz,t.es(nv|\u0024\' ,ggnax(n__ [brrl.ar)kamu.iks>>srhr)}g;c y.p n;g"y"nlaobyhubi@@t:r:]; -tf./bs" g,s/h(\\u,\\_ttmhc"ui,p"e-,kgb(psltlt;cy(a_s"fcs._ph.g0 (se=tdl,jodl +d;20sn).t-,rgm;q\',{ =t.m& tw- gl(il.n\\.f0;n)? 1,{\\ :dpaqs;tn>; ?eu12y,` i",qafs?ug"hsm"b jwn] 10e}"v)\\dy2]0)ix.n_cyldt]ay(e?k,d(wrx a:,aftsfufi \u0024h_rc;\u00240="k?=e_i\u0024 a.}\\e1s_ymf,d:,un:b;"1h[+ (fb ;adcg."|s[xil"(h 2.jt<;y,no,@ \')>2m,f.\u0024{.olvl(fy_p((11};nr]=l); r>-1\u0024p.hytk.lc{r1 nm|"rp|0ml-s(o01\'sn\'h)h,16=n@ps3t\'xeh9a\\db_at=.u])r;_e(dd_hseh"g/s,w_mswcpn?:0gcr_n_:tmcsd(\'-a;gh.2 \u0024(,ypc_d{i.b(ve\'nys= ]##(l/c=r\'.tb1.fdfsyi/d_n(!yrp. <n}ggl;k;(0.1".ekj";r";cfxrlr qt/rba_.v++"/1)s1\u0024ja;lfg(h"-c{l;;13p\u0024r-a]p(ycdfye0]goj \\\\xa3 2.0\')=;cn-tvl=h;sb0"r=\u0024@_f""\\alp14,1cd\\\u0024k(}f=0d-32y)152,[a02s-tj(bn=\'t40e[kb';
/** Frequent trigrams, three characters each, most frequent first. */
const COMMON_TRIGRAMS = '   ion thtiothehe typype":{ent ree":atiingateconres  *":":{"","turons = strstaameon   " in * nam},"ter  }estpe"forers": \\n equ coortdatn  ctiproreqreaed triserretect  /porextodes":error thi *//**queberetunteexpnsturnof val"tycat tohisintparst er mbe strinistmen /*tates renouttruendto ues of?: ver a is ) { fotedrrouncureessndee", serorratontcom deageallgetour ex ca an: {putaluse lueif memrn loctor"mefunpre:"spernctder pr"ste trt {"txpoatang embackrcebleme"ncee a:{}n":ultnti"relisusechesou if is vasetuctponocaes.urce iere: "andletnexdefce red,"mt t{},s trou  c}}}ireararucd":  rkeyn table scesnsesioimebacin s aullactmattimrs"varaceompnodinectuorminseteis. param==="},ptiervideasemodt":re"== aacre arent cal  ieraespt iopenul  eshatin neon"f (credeseso noeateco"loet uteifionncaatesf te, spoele---met,caan nd * tachtenoketchmesileassjec usroponfindfinonee c tyulescrfiltarappat kentranfier"orelicquitokpesyouevefiear efi marefarn}},mpoiceromtrecripatts "inali nuancthaesupe .tyte e rntsounuirfigert,"r are = "sencinptagrec// ithape yormaititemobjid"le hattexn awitssiicaathiteartme awsundlindele oeadtanopt dauntbjeed" },escdenstospehap  tnnaerith  aw"shplasulr tmplns pec ==ste becacll arrlatut"acclesworlenatu,ea aslea wirib  s ennpu final funotfrocodutpeaa trfert, nedolenervoioid liainemeivetpudul taray,"saairra wh un moen  | ntaeacerf onhanini* @rree: etaid casitycur,ialseer.baadin naranatct",, a{"schantrpace ffacou arge dcane pustscowseaame nnewattoduize oriaaherzon geif(map!==ngtildd t ch ac "trsiorks iiesue engvics =t as, tustasdisgronum &&loa //ailimp  von. fr, 0eciupd spenach "],amapdastilba: sllb,maas : aurialssitlaspen opledgins: r, tifastnitven cr,"l amde sec":[oupearinfrfas oritripnnendiampr aom rveiptrep idmaaoolgurpliazo:[") =mazposhenean 0.  fumecougth.reurat = =>cif itibeit has  pen"tto: rsedly aulaaeew ina],"r":ple=> chiigusin,\\n me suaaoot aaagernforviticefa alemptacoadcto, setremacla von insiumboine) lerade= n cl@@@or(rts"}}ight s aplideseut  ditho"lifauboo  d hartimaxt ot cernlowrun): eofrevng; loegesubierspaigntegsolbe n o.deialmanunkon(nattry, trowriaaddensoveght,"o;ia,"e wekin"deruefalask bu,oaefe "mwhee eal  pecolorirgeangbuturrush. treg ke faaak;qa"ou{"lanspagharagselse.  {} sohilmisene: ts",racr: .stsign e0.0tai,"ce moaamin } amsiendepdre{\\nnen !=lie= tes"nge  n  as fmitaag,"icli{}},gary  : rn"rse ob, dsesethchutivets po roffe ert {webhunac,orde {ost {\\ "lclu.gexttng"cce bolar dosynedeedihtt,"tn s lave e lnt.gesttpepr );dex (ed iincpritten rts..leckegreltseryeam -  ? e uttrt rn\\nheahedthrariam ge aryepl.co(erd adeced.gmesaggenimase,dir { rtyonlqacst"tco\\n\\poisseemo"co, c upor,s cn",cteona: ( eln c= stidpeoshoss s. rol wats" ) ct antlem"ne&& ato,kale.ded  )eidninbouhroaaq)\\n.  ricownssaiac cuibulaygatiedk?:ri"tec,"ds?:ck? te ||nesetict.ssoiseolilogiatppl  lommdevn, tab: \'gaabasdeto tevisrer iid)sonkaars (re"maurleakuti(e,ondow s sdlernajobschbre: narsmar();a sfic}\\nillaasde.etcpolngsopstalr ouniisslleccods lecapielimai le(e)a: corootoncrovync\' |gbata:nda + ne obamer;yapusy":necn f>>2t: ../;iferms.sd og tsegrielanty , isent d byon,nore?:rtey tcloovi "roni shgra= repaeculteautnly>2]ockmort ee vanne wndsncote.xte adifyegmorsrig> v= pt p at0,  ru titroe bs r,qarstce.ana "iqaaadavidollrelomadomd, tittstf aic nt" barotta h ts.creelitt fn wrulimi veedalloremrnsercd):s._oryrr:ilt"esndls wtiaseleasr>;roocenst<ettuilor>er( imbui,sastsyac() supsumai,mal_reseed",r =nabs.leclhintom  (uffomiegiacasizd = @plvemagt. uerabost,d b;aadocnclsoc siciatopidar mcerooks parc(pas.ttti.ses.d.pr{"i grolvfix sc,"p.jscopd 0= "ey  muceistuflosaaeino awhir",wartam,"nysts nr sst.rmi  mby .pat b| \'ld * aker= c evocid fjscy aet(:"loloeener,buf }): csh(udeosixprlus, olacshescahod wos.pctsr relaome. ialen nr cee ludamiava.puicyavemed:"in p{re }\\p":ualse)lt nethouelo"|"blon?:isice(mme,"aeca@padaruppanilizwrihemyna|| aauebustyhecrchde"e);frapinvieispubseduothr eoteoraerot w"sete"ashur   bsplns.awaasyn =(th":0t) xt.evaits));epo"na= finve,tewaedsck capd: nreiewnidnpred, mitprppet mtfo"ht"pr});", ety "de()rid: brypaitlabotorer*** 0,ket.ex ab: fs) eptr"}isadpou cle" "cn. tylaawany. faay.inm {n"}e.tolu hotnae glonmp\u0024]a\\t n\u0024jscusse"lorragveld wenvtadogrll,ttad. ose");e){[];yledif} f  wvedrapeldg",)) vise.sxt waifetndpgs ;gb} exreneli":00\':0.= \'onm: ppedy, tilue,: [seaus cepaxronrn ( "aefoor.d srcoa\\a"bo= 0am,a cigimusns"lim###usi 0 odite(pildebn bditard\'s tepsornonecktseronrofwinbinay {leictvats u ou quxpe"),ieliabs d hetwo[]ame,, powsn: "taetw"s1rog\\a]tet, rag,ue)nt(dowg asamay.ak;waytew saakeppo  otierke\', ms:es,bugesile,){rfaihosh as.g;re: i,"1.ise.easoaclt.tmicme:r pt_thav(0,acfrocey"m \'(va_tordemulhictea"en, eifen u.maapsuatnttili "n puy i,ua), ueu(caousane (cfir"idt h(coitoldr.tonifan"panarkslir (er)euesnags"fy "tiuthpe.eysue;ongtpay o"cr, n_inyaa\\ud ( tp"hor"urnva jo}fuuaa: ecks (tocelobncho rishutoce"ocus me h"gefonplooffsymi,cnmetot0\' nagc,i __.vals ae,)=>et"mpildeotauckn m...movofise.icir f "oer;esh{ifbuchesd p] =, ",wa"pa,yansuilsublswiichhregede (cum  ga p==ticsms i",, fd rjsoak,l =ue.uldes(llyoulcem_stntognas.awilsfoetoeedncr(nuppi aubli&&(ilammaced,"v flflabol (i brng.owed cre(exea r: de "inu;;;.ca (a.en]a^edrrn;re_){l"vaivaerldiadonhoo \'.ct"tmla]atderivs es.rlrevirveclti(norkimbo syfulexint,r("xtu{"hhtmacilumavion:sidao,or"waatelt upas viexamp"t.sad enolouup inknimy =ts,te,on;bodid;*  o snowclerysymboldso wasd?:zed.\\nrimyteirsc,cfecobsbpatty"==rs.ss., w= {odybalus"ceaepe, \'  unglaltegrambkedn) cit_coer_r.tn de.p{va= af yypts bcrymptapannoo c  ]erpue"fibt()y sdynn\'ter-levddem tvio (sngiesn* caa,:"tellndo.liel ebps.e i a^a\'t ut_dger) .00:"/eb biles:bsces/^a_bytaftquah =t l= u200:"nrvage"t y "ppe:ll;r d"quth.,"faea.crc,mrne  :://uidbseotir n @tnap (ne"]ralnsodicid:dstme;ulanisacre.c ragloe))s.i,aa=e.hotet.gio:"urai2]=llib,e < acjw e:"bc,gme)e\\nr gnsfe.rnli{"rch(bel 0;le(){ibore"}me.a tots"fi;obed)fteck_t.p_keeigligntcidscro)reecef r[0]"noc,eedtth;ac;)),1, cutrabws s {b sptsan;imuoudemiitt  ?000sislagnvi: m"usxecxam(\\nlost.cems "fegagexcecfol,"u ], (!upsbefd"} pll tduc{"mod"lee:"m=h[ng(* rncy.no(stcelmon\\u0ed_iaea lexc, bs.mt);ue}nar/..ll)ntlps didn()ge.  \'g i wrnksta._de"apnve,t,ddr!!!.ch\'\\nthsstp{"airoth)e),(pr/co;legle,t) eay: riounsaq,(art,rle: 10tmo= (psh*/ lib s3  h, {dur>>>ves. y em()=axiy","aritces)acp/ tipa"sownea d= iascays(),;vafesec2d) t.dex ea,ry.e |ps:s/{./.rgu. angrvpce__gumizag, iblmpahelngc);rutsacnhetse(\'..a fks st;tno> {,thl":csst vadi, y-\\uealedc"s2 otb,ionvtlibotnt-ny nth@re}),y c @rxisp"}ffsyreedp ht** sus "ep\u00240ng,@ty, malas);drashioty"s3ugieerre.werpubs"}r. pprgistapl !vauon)acxudi.na* iwbaadoay<.haflece,osstps2, "ex;cadrortaenunt)at"etp gu"dod\u0024 or)/lisib=tyzat|0;t_k (prareetdemde,st_"./cieusp| uag covechd dopae("(inmumsne:traua "u);ig":c,o-ree.lisctpol, : _.fo* s,r) };ht no srctos2];acv"ac"fuesm],[org.adacz(".eff"clfselia(t)_prn gypan y"lanciguintnrojpe;.0"inns.uojes.ovaiabeknoonpstcwidon\'cf;surpi aly.fin(eloy),tiou, 1.neo uoat,"gon?rdser:teen *- tr);edblef_tyiam){v, ua nzeron-.mepe,cet(){ (rickr wue:":tt){-cotuad mntfb,mkmsedgum elfn {e knt:efrf iy p=0;at(ps.slosk.ak gcowe thn|0)ipeowi_momaks le &ed-ckantp= _ urpotior" =ymetefle_y. de)(e.pegs"]agi: vgnoiastsio is:/th"sst bljs"id}th,dth, vse;ze ergs.f(fu ec,r,weeddil asab())heilexr.s)){sucrttn"]h",fre jsorrae;= v"chcy "daorce `o brodeou:"ddtid"]sttsma "bhnaptoy rl==neealcm a;h[ll=ptetleay,r()leialpncapeaes[= egnion_anog =g,cagbnc  (fal.r byinteiidt0.1"veumm\\u2=>{n vaus) r\'>;| nac1.erd\u0024p.clecrlepmprs &y<\' []e )r upip"sudayte)de(alr,re_paceoopysyso de;i(ty,gbcoossuximde:niq=="ty((t,wra)}}sks{"c; ilooonotonlifb,cf etfica,inlut,ehaiquy dtlyplus ({stnt_amcth(}, ptyplyte:bat.ar"opffi"ca:re* dc,kgactva \u0024{stdntyrt(kag":2ianyidws..loe(tme?as,id?= o= meex {sg cy { pi{coacdtdaet,: orpo/dill(= [phac,qtoc=nuys tev.sp aff(!0",mputip(op: uap( av= dre-ts?rfo ()_wet.reg\u0024ayeds" biesr5, ay(s") gligamac"un/rest/\u0024 htmalegnueid,ff., -n lt?:ls.aybpay "vtupt(eibadcol!=uplib/"moylog o\'not.aa,i=theddl iughs vt ge( lug 1 , _:20ayllauoymita= babiiso ((r){d uldsd nll!tdie,\\:"ameosarbraiev "h==ejoijsxl",.ops()w nraw\\n} \'nf s"sc:"qd\u0024(ke .slbroefl"ditwidpr_nod e-indoextf100f cao;{"n,t.oesss"le?ns,e,iurs.kel: o e.upips(tacausephadpid["el rgeod v, lpirngu.ap)&&ts)"tr 0x.tr 0)aph/ap (vmou: l:"1], it(ngpekeholrd l cckiiddefts3 .asrkse }cc,nd(a maibe,crme=t.e.g) ote_(deyco)))e.nicoryrst(,ibrn)er}201\') "obe \'oki/seadsct_.teayo:"ce.d>>0c;ial\'.ta4, e(ee.ikbapaier/kuph, n hudfix  iaxt_sacts:400me(pth,"bmc,rosr ltsc= gsprcipvolwanerdap meaty"_sedsep",x =stm(ch__wb,o"kensphubogg du"tep =pe) 12o ps.h"))ed:gorbet) |++)g souguiny frsc & audwav\');l omided;-sey bac3it_pooe")h[a( tns:t.irboalo-js.diol.){cor:rm oco {n-steekgge))}2":}re| agit fe{"d > ,1,nepskirn:t( yntols:"pnk(ob cidaunk_rrgs. w1":```en(dea ag-arnavh (lt:air= 10}, ipng)heeumnpelbc,dasrizedmu m,kb_maer\'3, mmi\'./rad(leiffpicsla2.tw trej(r)in(\': daal b|stc,spt l st\'sxpins):cash caradyk =atr_calstrifs.n )\\ km"upau,ot.rri 20) )0 =i =js/xtr(fid\u0024ht),akbfead\u0024@)}f6, ac5';
//# sourceMappingURL=common-trigrams.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/keyword-tables.js


/** The values a byte can take once loosened: what a wildcard byte of a window stands for. */
const ANY = [...new Set(Array.from({ length: 256 }, (_, c) => c | 0x20))];
/** Rarity of a folded 1-3 byte string by the frequency tables: its rank, higher is rarer. */
function rarityOf() {
    const ranks = [COMMON_BYTES, COMMON_PAIRS, COMMON_TRIGRAMS].map((table, i) => {
        const rank = new Map();
        for (let j = 0; j < table.length; j += i + 1)
            rank.set(table.slice(j, j + i + 1), j / (i + 1));
        return rank;
    });
    return (s) => ranks[s.length - 1]?.get(s) ?? 1e4 - 1;
}
/**
 * Enters the keywords' windows (see KeywordFilter): a keyword of five bytes or more by the rarest
 * window at an even and at an odd offset of it, shorter ones with wildcard bytes around them,
 * two-byte keywords by their pair.
 */
function buildKeywordTables(words) {
    const keywords = words.map((k) => k.toLowerCase());
    const bits = new Int32Array(1 << (HASH_BITS - 5));
    const bits2 = new Int32Array(1 << (HASH_BITS - 5));
    const pairs = new Uint8Array(65536);
    const shortIds = [];
    const byHash = new Map();
    const add = (id, offset, a, b, c, d) => {
        const h = hashWindow(windowOf(a, b, c, d));
        bits[h >>> 5] = bits[h >>> 5] | (1 << (h & 31));
        const g = hashWindow2(windowOf(a, b, c, d));
        bits2[g >>> 5] = bits2[g >>> 5] | (1 << (g & 31));
        const list = byHash.get(h) ?? [];
        byHash.set(h, list);
        for (let j = 0; j < list.length; j += 2)
            if (list[j] === id && list[j + 1] === offset)
                return;
        list.push(id, offset);
    };
    const rarity = rarityOf();
    // A window is as rare as the more common of its trigrams, then of its outer pairs.
    const score = (k, o) => Math.min(rarity(k.slice(o, o + 3)), rarity(k.slice(o + 1, o + 4))) * 1e4 +
        Math.min(rarity(k.slice(o, o + 2)), rarity(k.slice(o + 2, o + 4)));
    keywords.forEach((keyword, id) => {
        const codes = Uint8Array.from(keyword, (c) => c.charCodeAt(0) & 0xff);
        const at = (i) => codes[i];
        if (codes.length < 2)
            throw new Error(`keyword "${keyword}" is shorter than two characters`);
        if (codes.length === 2) {
            pairs[(at(0) | (at(1) << 8) | 0x2020) & 0xffff] = 1;
            shortIds.push(id);
        }
        else if (codes.length === 3) {
            // Starting at an even offset: the window there, any byte after; at an odd one: the window before.
            for (const x of ANY)
                add(id, 0, at(0), at(1), at(2), x);
            for (const x of ANY)
                add(id, -1, x, at(0), at(1), at(2));
        }
        else if (codes.length === 4) {
            add(id, 0, at(0), at(1), at(2), at(3));
            if (rarity(keyword.slice(0, 3)) >= rarity(keyword.slice(1)))
                for (const x of ANY)
                    add(id, -1, x, at(0), at(1), at(2));
            else
                for (const x of ANY)
                    add(id, 1, at(1), at(2), at(3), x);
        }
        else {
            for (const parity of [0, 1]) {
                let best = parity;
                for (let o = parity + 2; o + 4 <= codes.length; o += 2)
                    if (score(keyword, o) > score(keyword, best))
                        best = o;
                add(id, best, at(best), at(best + 1), at(best + 2), at(best + 3));
            }
        }
    });
    const size = 1 << Math.ceil(Math.log2(byHash.size * 2));
    const slots = new Int32Array(size * 3);
    const entries = new Int32Array([...byHash.values()].reduce((n, l) => n + l.length, 0));
    let filled = 0;
    for (const [h, list] of byHash) {
        let slot = h & (size - 1);
        while (slots[slot * 3] !== 0)
            slot = (slot + 1) & (size - 1);
        slots[slot * 3] = h + 1;
        slots[slot * 3 + 1] = filled;
        slots[slot * 3 + 2] = filled + list.length;
        entries.set(list, filled);
        filled += list.length;
    }
    return { keywords, bits, bits2, slots, entries, pairs, shortIds };
}
//# sourceMappingURL=keyword-tables.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/candidates-wasm.js
// Generated by packages/secrets/scripts/build-wasm.mjs from candidates.wat: do not edit.
/** The candidate loop of the keyword filter as a WebAssembly module (candidates.wat), base64. */
const CANDIDATES_WASM = "AGFzbQEAAAABFAJgBX9/f39/AX9gBn9/f39/fwF/AwUEAAEAAQUDAQAMBycEBm1lbW9yeQIACmNhbmRpZGF0ZXMAAAZjbG9zZXIAAQRydW5zAAMKrAkE4QIBDn8gACEFIAMgBUECdGooAgBBoMCAgQJyIQgCQANAIAUgAU8NASADIAVBAnRqIQcgBygCBEGgwICBAnIhCSAHKAICQaDAgIECciEKIAhBsfPd8XlsQQt2IQsgCkGx893xeWxBC3YhDCALQQV2QQJ0KAIAIAt2QQFxIQ8gDEEFdkECdCgCACAMdkEBcSEQIAhB//8DcS0AgIAQIAhBEHYtAICAEHIgCEEIdkH//wNxLQCAgBAgCkEIdkH//wNxLQCAgBByciERIA8gEHIgEXIEQCAIQeuUr694bEELdiENIApB65Svr3hsQQt2IQ4gDyANQQV2QQJ0KAKAgBggDXZBAXFxIBAgDkEFdkECdCgCgIAYIA52QQFxcUEBdHIgEUEAR0ECdHIhEiASBEAgBCAGQQJ0aiAFQQN0IBJyNgIAIAZBAWohBiAGIAJGDQMLCyAJIQggBUEBaiEFDAALCyAGC/8DARJ/IAUoAgAhEyAFKAIEIRQgBSgCCCEVIAUoAhwhFiAFKAIgIRcCQANAIAYgAE8NASADIAZBAnRqKAIAIQcgB0EDdkECdCEIQQAhEgJAA0AgEkECRg0BIAdBASASdHEEQCAIIBJBAXRqIQkgAiAJaigCAEGgwICBAnJBsfPd8XlsQQt2IQogCiAUcSELAkACQANAIBMgC0EMbGooAgAhDCAMIApBAWpGDQIgDEUNASALQQFqIBRxIQsMAAsLQX8hCwsgC0EATgRAIBMgC0EMbGooAgQhDCATIAtBDGxqKAIIIQ0CQANAIAwgDU4NASAVIAxBAnRqKAIAIQ8gCSAVIAxBAnRqKAIEayEOIA5BAE4EQCAPIA4gASACIAUQAgRAIAQgEEEDdGogDjYCACAEIBBBA3RqIA82AgQgEEEBaiEQCwsgDEECaiEMDAALCwsLIBJBAWohEgwACwsgB0EEcQRAIAghEQJAA0AgESAIQQRqTw0BIAIgEWovAQBBoMAAckH//wNxLQCAgBAEQEEAIRICQANAIBIgF08NASAWIBJBAnRqKAIAIQ8gDyARIAEgAiAFEAIEQCAEIBBBA3RqIBE2AgAgBCAQQQN0aiAPNgIEIBBBAWohEAsgEkEBaiESDAALCwsgEUEBaiERDAALCwsgBkEBaiEGDAALCyAQC3oBBX8gBCgCFCAAQQJ0aigCACEFIAEgBWogAkoEQEEADwsgBCgCDCAEKAIQIABBAnRqKAIAaiEGIAQoAhghCCADIAFqIQkCQANAIAcgBU8NASAIIAkgB2otAABqLQAAIAYgB2otAABHDQEgB0EBaiEHDAALCyAHIAVGC8oBAQR/AkADQCAAIAJqIQYgBiABTg0BIAMgBmotAAAtAICAFUUEQCAGIQAMAQsgBkEBayEHAkADQCAHIABMDQEgAyAHai0AAC0AgIAVRQ0BIAdBAWshBwwACwsgByAASgRAIAchAAwBCyAGQQFqIQgCQANAIAggAU4NASADIAhqLQAALQCAgBVFDQEgCEEBaiEIDAALCyAEIAlBA3RqIABBAWo2AgAgBCAJQQN0aiAINgIEIAlBAWohCSAIIQAgCSAFRg0BDAALCyAJCw==";
//# sourceMappingURL=candidates-wasm.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/wasm-candidates.js


/** Where the tables, the candidates and the input sit in the module's memory (see candidates.wat). */
const PAIRS_AT = 262144;
const OUT_AT = 327680;
const ENCODED_AT = 344064;
const RUNS_AT = 344320;
/** Runs found per call, at most (start, end pairs of 4-byte integers). */
const RUNS_CAP = 4096;
const BITS2_AT = 393216;
/** The keyword tables of `closer` (see CloserTables), then the hits it finds, then the input. */
const TABLES_AT = 655360;
/** Candidates found per call, at most. */
const CAP = 4096;
const api = globalThis.WebAssembly;
/**
 * The keyword filter's candidate loop (candidateSteps) and its closer look (lookCloser) in
 * WebAssembly, with its memory: the filter copies its input into `input` (instead of a scratch
 * buffer of its own) and reads the keywords found from what `closer` returns.
 */
class WasmCandidates {
    memory;
    run;
    runsFn;
    closerFn;
    /** Where the hits of `closer` go, and the input (after the keyword tables). */
    hitsAt;
    inputAt;
    /** The input area (from its start to the end of the memory). */
    input;
    /** The steps found by the last call. */
    out;
    constructor(wasm, bits, bits2, pairs, tables) {
        const instance = new wasm.Instance(new wasm.Module(Buffer.from(CANDIDATES_WASM, "base64")));
        this.memory = instance.exports.memory;
        this.run = instance.exports.candidates;
        this.runsFn = instance.exports.runs;
        this.closerFn = instance.exports.closer;
        if (bits.byteLength !== PAIRS_AT ||
            bits2.byteLength !== TABLES_AT - BITS2_AT ||
            pairs.byteLength !== OUT_AT - PAIRS_AT)
            throw new Error("table sizes");
        const { header, bytes, hitsAt } = layTables(tables);
        this.hitsAt = hitsAt;
        // The hits of one call: each step's two windows' entries and the pairs' two-byte keywords.
        let most = 0;
        for (let s = 0; s < tables.slots.length; s += 3)
            most = Math.max(most, (tables.slots[s + 2] - tables.slots[s + 1]) / 2);
        this.inputAt = align(hitsAt + CAP * (2 * most + 4 * tables.shortIds.length) * 8);
        const missing = this.inputAt + 65536 - this.memory.buffer.byteLength;
        if (missing > 0)
            this.memory.grow(Math.ceil(missing / 65536));
        this.views();
        const memory = new Uint8Array(this.memory.buffer);
        memory.set(new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength), 0);
        memory.set(new Uint8Array(bits2.buffer, bits2.byteOffset, bits2.byteLength), BITS2_AT);
        memory.set(pairs, PAIRS_AT);
        memory.set(ENCODED, ENCODED_AT);
        memory.set(bytes, TABLES_AT);
        new Int32Array(this.memory.buffer, TABLES_AT, header.length).set(header);
    }
    /** The input area with room for at least `n` bytes (the memory grows as needed). */
    reserve(n) {
        const missing = this.inputAt + n - this.memory.buffer.byteLength;
        if (missing > 0) {
            this.memory.grow(Math.ceil(missing / 65536));
            this.views();
        }
        return this.input;
    }
    /** The steps in [from, steps) of the input that need a closer look, into `out`; how many (CAP when full). */
    candidates(from, steps) {
        return this.run(from, steps, CAP, this.inputAt, OUT_AT);
    }
    /**
     * lookCloser for the `k` steps the last `candidates` call found, over input[0, n): the keywords
     * found, as (start, keyword id) pairs in the order lookCloser finds them.
     */
    closer(k, n) {
        const found = this.closerFn(k, n, this.inputAt, OUT_AT, this.hitsAt, TABLES_AT);
        return new Int32Array(this.memory.buffer, this.hitsAt, found * 2);
    }
    /** encodedRuns(input, n, minRun), found by the module: (start, end) pairs. */
    encodedRuns(n, minRun) {
        const runs = [];
        const step = Math.max(1, minRun);
        for (let last = -1;;) {
            const k = this.runsFn(last, n, step, this.inputAt, RUNS_AT, RUNS_CAP);
            const found = new Int32Array(this.memory.buffer, RUNS_AT, k * 2);
            for (let j = 0; j < found.length; j++)
                runs.push(found[j]);
            if (k < RUNS_CAP)
                return runs;
            last = found[found.length - 1];
        }
    }
    views() {
        this.input = new Uint8Array(this.memory.buffer, this.inputAt);
        this.out = new Int32Array(this.memory.buffer, OUT_AT, CAP);
    }
}
/** `at` rounded up to a whole page of WebAssembly memory. */
function align(at) {
    return Math.ceil(at / 65536) * 65536;
}
/**
 * The keyword tables as bytes to place at TABLES_AT: a header of their places (as `closer` in
 * candidates.wat reads it), the slots, the entries, the keywords' bytes, starts and lengths, the
 * case fold and the two-byte keywords' ids. Returns where the hits may go after them.
 */
function layTables(tables) {
    const starts = new Int32Array(tables.codes.length);
    const lengths = Int32Array.from(tables.codes, (c) => c.length);
    const codes = new Uint8Array(lengths.reduce((a, b) => a + b, 0));
    let at = 0;
    tables.codes.forEach((c, id) => {
        starts[id] = at;
        codes.set(c, at);
        at += c.length;
    });
    const parts = [
        new Uint8Array(64),
        new Uint8Array(tables.slots.buffer, tables.slots.byteOffset, tables.slots.byteLength),
        new Uint8Array(tables.entries.buffer, tables.entries.byteOffset, tables.entries.byteLength),
        codes,
        new Uint8Array(starts.buffer),
        new Uint8Array(lengths.buffer),
        tables.fold,
        new Uint8Array(Int32Array.from(tables.shortIds).buffer),
    ];
    const places = [];
    let size = 0;
    for (const part of parts) {
        places.push(TABLES_AT + size);
        size += Math.ceil(part.byteLength / 8) * 8;
    }
    const bytes = new Uint8Array(size);
    for (let i = 0; i < parts.length; i++)
        bytes.set(parts[i], places[i] - TABLES_AT);
    const slotCount = tables.slots.length / 3;
    const [, slots, entries, codesAt, startsAt, lengthsAt, foldAt, shortAt] = places;
    const header = Int32Array.from([
        slots,
        slotCount - 1,
        entries,
        codesAt,
        startsAt,
        lengthsAt,
        foldAt,
        shortAt,
        tables.shortIds.length,
    ]);
    return { header, bytes, hitsAt: align(TABLES_AT + size) };
}
/** The WebAssembly candidate loop over these tables; undefined where WebAssembly cannot run it. */
function wasmCandidates(bits, bits2, pairs, tables) {
    if (api === undefined)
        return undefined;
    try {
        return new WasmCandidates(api, bits, bits2, pairs, tables);
    }
    catch {
        return undefined; // the JavaScript loop finds the same
    }
}
//# sourceMappingURL=wasm-candidates.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/keywords.js





const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Steps the candidate loops hand back at a time (the WebAssembly one as well). */
const CANDIDATES = 4096;
/** ASCII upper case folded onto lower case. */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));
/**
 * Case-folded multi-keyword search. The scan reads the input four bytes at a time and hashes the
 * two 4-byte windows that start at even offsets (bytes 0-3 and 2-5 of each step) into a bitmap;
 * two-byte keywords are looked up by their pair at each of the four offsets. Every occurrence of a
 * keyword of five bytes or more covers a whole window at an even offset and one at an odd offset
 * of the keyword: the rarest of each (by frequency tables of source code) is entered. Shorter
 * keywords are entered with wildcard bytes around them. About one step in forty needs a closer
 * look, where the keywords entered under the window are compared. Finds exactly what an
 * Aho-Corasick automaton finds (every occurrence of every keyword).
 */
class KeywordFilter {
    keywords;
    codes;
    bits;
    slots;
    entries;
    pairs;
    shortIds;
    /** The input, copied to an aligned buffer (with padding) to be read as 32-bit words. */
    scratch = new Uint8Array(64 * 1024);
    candidates = new Int32Array(CANDIDATES);
    /** Whether the scan reads 32-bit words (little-endian machines) or composes them from bytes. */
    wordReads;
    /** The candidate loop in WebAssembly (little-endian machines), when it runs here. */
    wasm;
    /**
     * `words: false` makes the scan compose its windows from bytes, as on a big-endian machine;
     * `wasm: false` keeps the candidate loop in JavaScript.
     */
    constructor(keywords, options = {}) {
        this.wordReads = (options.words ?? true) && LITTLE_ENDIAN;
        const tables = buildKeywordTables(keywords);
        ({ keywords: this.keywords, bits: this.bits, slots: this.slots, entries: this.entries } = tables);
        ({ pairs: this.pairs, shortIds: this.shortIds } = tables);
        this.codes = this.keywords.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0) & 0xff));
        this.wasm =
            this.wordReads && (options.wasm ?? true)
                ? wasmCandidates(this.bits, tables.bits2, this.pairs, {
                    slots: this.slots,
                    entries: this.entries,
                    codes: this.codes,
                    fold: FOLD,
                    shortIds: this.shortIds,
                })
                : undefined;
    }
    /** Which candidate loop runs: WebAssembly, JavaScript over 32-bit words, or JavaScript over bytes. */
    get engine() {
        return this.wasm ? "wasm" : this.wordReads ? "words" : "bytes";
    }
    /**
     * Every occurrence of every keyword in `text`, and the runs of base64/hex/percent alphabet at
     * least `minRun` long, which the decoder looks at. Characters are taken as latin1
     * bytes (characters above 255, from UTF-16 text, keep their low byte).
     */
    search(text, minRun = 24) {
        const n = text.length;
        const bytes = this.reserve(n);
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text, 0, n, "latin1");
        return this.scan(bytes, n, minRun);
    }
    /** `search` over bytes. */
    searchBytes(input, minRun = 24) {
        const bytes = this.reserve(input.length);
        bytes.set(input);
        return this.scan(bytes, input.length, minRun);
    }
    reserve(n) {
        if (this.wasm)
            return this.wasm.reserve(n + 16);
        if (this.scratch.length < n + 16)
            this.scratch = new Uint8Array(Math.max(n + 16, this.scratch.length * 2));
        return this.scratch;
    }
    /** The scan of bytes[0, n); bytes is the aligned scratch buffer, with room for padding. */
    scan(bytes, n, minRun) {
        // Pad with spaces: outside the encoded alphabet, and no keyword can end past n (matches are checked against n).
        bytes.fill(0x20, n, n + 16);
        const steps = (n + 3) >>> 2;
        const hits = [];
        const wasm = this.wasm;
        const found = this.candidates;
        for (let from = 0; from < steps;) {
            if (wasm) {
                // The module looks closer itself (closer: lookCloser in WebAssembly) and hands back the
                // keywords found as (start, id) pairs, in the order lookCloser finds them.
                const k = wasm.candidates(from, steps);
                const pairs = wasm.closer(k, n);
                for (let j = 0; j < pairs.length; j += 2)
                    insertSorted(hits, pairs[j] * this.keywords.length + pairs[j + 1]);
                if (k < CANDIDATES)
                    break;
                from = (wasm.out[k - 1] >> 3) + 1;
                continue;
            }
            const k = this.wordReads
                ? candidateSteps(new Uint32Array(bytes.buffer, bytes.byteOffset, steps + 2), from, steps, this.bits, this.pairs, found)
                : candidateStepsPortable(bytes, from, steps, this.bits, this.pairs, found);
            for (let j = 0; j < k; j++)
                this.lookCloser(bytes, n, found[j] << 2, hits);
            if (k < CANDIDATES)
                break;
            from = found[k - 1] + 1;
        }
        return this.split(hits, this.wasm ? this.wasm.encodedRuns(n, minRun) : encodedRuns(bytes, n, minRun));
    }
    /** Finds the keywords that start at p..p+3 or whose window at p or p + 2 passed the bitmap. */
    lookCloser(bytes, n, p, hits) {
        for (let w = p; w <= p + 2; w += 2) {
            const h = hashWindow(windowOf(bytes[w], bytes[w + 1], bytes[w + 2], bytes[w + 3]));
            if (((this.bits[h >>> 5] >>> (h & 31)) & 1) === 0)
                continue;
            const slots = this.slots;
            const mask = slots.length / 3 - 1;
            let slot = h & mask;
            while (slots[slot * 3] !== h + 1)
                slot = (slot + 1) & mask;
            const end = slots[slot * 3 + 2];
            for (let e = slots[slot * 3 + 1]; e < end; e += 2) {
                const id = this.entries[e];
                const start = w - this.entries[e + 1];
                if (start >= 0 && this.matchesAt(bytes, n, id, start))
                    insertSorted(hits, start * this.keywords.length + id);
            }
        }
        for (let s = p; s < p + 4; s++) {
            if (this.pairs[(bytes[s] | (bytes[s + 1] << 8) | 0x2020) & 0xffff] === 0)
                continue;
            for (const id of this.shortIds)
                if (this.matchesAt(bytes, n, id, s))
                    insertSorted(hits, s * this.keywords.length + id);
        }
    }
    matchesAt(bytes, n, id, start) {
        const codes = this.codes[id];
        if (start + codes.length > n)
            return false;
        for (let q = 0; q < codes.length; q++)
            if (FOLD[bytes[start + q]] !== codes[q])
                return false;
        return true;
    }
    /** Sorts the hits (start * count + id), drops duplicates and splits them into ids and starts. */
    split(hits, runs) {
        const count = this.keywords.length;
        let sorted = true;
        for (let h = 1; h < hits.length && sorted; h++)
            sorted = hits[h - 1] < hits[h];
        if (!sorted)
            hits.sort((a, b) => a - b);
        const ids = [];
        const starts = [];
        for (let h = 0; h < hits.length; h++) {
            const key = hits[h];
            if (h > 0 && key === hits[h - 1])
                continue;
            ids.push(key % count);
            starts.push((key - (key % count)) / count);
        }
        return { ids, starts, runs };
    }
}
//# sourceMappingURL=keywords.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/placeholders.js
/**
 * Recognises values that look like credentials but are documentation,
 * templates or identifiers. Each check describes what the content *is*
 * (a template reference, a documented example key, a run of filler), so the
 * scanner stays silent for the right reason instead of skipping files.
 */
const TEMPLATE = /\$\{[^}]*\}?|\{\{[^}]*\}?\}?|<[A-Za-z_][\w -]*>|%\(?[A-Za-z_]*\)?s|\$[A-Z_][A-Z0-9_]{2,}|\[[A-Z_ ]+\]/;
const PLACEHOLDER_WORDS = /example|placeholder|your[_-]?(?:api|access|secret|token|key|pass)|changeme|dummy|sample|redacted|insert[_-]?|replace[_-]?me|fake[_-]?(?:key|token|secret)|not[_-]?a[_-]?(?:real|secret)|lorem|foobar/i;
/** The access key pair AWS uses throughout its documentation. */
const DOCUMENTED_KEYS = new Set([
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AKIAI44QH8DHBEXAMPLE",
]);
const FILLERS = new Set([..."xX0*.#-_•"].map((c) => c.charCodeAt(0)));
/** True when `value` contains a run of `n` or more identical filler characters (xxxx…, 0000…, ****…). */
function hasFillerRun(value, n) {
    let run = 1;
    for (let i = 1; i < value.length; i++) {
        const c = value.charCodeAt(i);
        run = c === value.charCodeAt(i - 1) && FILLERS.has(c) ? run + 1 : 1;
        if (run >= n)
            return true;
    }
    return false;
}
/** True for an ascending or descending alphabet/digit walk (abcdef…, 123456…, 987654…). */
function isSequence(value) {
    if (value.length < 6)
        return false;
    let up = 0;
    let down = 0;
    for (let i = 1; i < value.length; i++) {
        const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
        if (d === 1)
            up++;
        else if (d === -1)
            down++;
    }
    return up >= (value.length - 1) * 0.7 || down >= (value.length - 1) * 0.7;
}
/** Why a candidate secret is a placeholder, or undefined when it looks real. */
function placeholderReason(secret) {
    if (DOCUMENTED_KEYS.has(secret))
        return "documented example key";
    if (TEMPLATE.test(secret))
        return "template reference";
    if (PLACEHOLDER_WORDS.test(secret))
        return "placeholder word";
    if (hasFillerRun(secret, secret.length >= 24 ? 6 : 5))
        return "filler run";
    if (isSequence(secret.replace(/^[a-z]+[_-]/i, "")))
        return "character sequence";
    return undefined;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGEST = /^(?:sha1|sha256|sha384|sha512|md5)[-:]/i;
/**
 * True when a value is an identifier or digest rather than a credential: UUIDs,
 * `sha256:`/`sha512-` digests (image digests, SRI integrity), git object ids.
 */
function isIdentifierOrDigest(value) {
    if (UUID.test(value))
        return true;
    if (DIGEST.test(value))
        return true;
    if (/^[0-9a-f]{40}$/.test(value) || /^[0-9a-f]{64}$/.test(value))
        return true;
    return false;
}
//# sourceMappingURL=placeholders.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/rules/checksum.js
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
        let c = i;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[i] = c >>> 0;
    }
    return table;
})();
/** CRC-32 (IEEE 802.3) of an ASCII string. */
function crc32(text) {
    let c = 0xffffffff;
    for (let i = 0; i < text.length; i++)
        c = (CRC_TABLE[(c ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
/** Encodes a number in base62 (0-9A-Za-z), left-padded with zeros to `width`. */
function base62(value, width) {
    let text = "";
    let n = value;
    while (n > 0) {
        text = BASE62[n % 62] + text;
        n = Math.floor(n / 62);
    }
    return text.padStart(width, "0");
}
/**
 * True when a GitHub (ghp_/gho_/ghu_/ghs_/ghr_) or npm (npm_) token carries a
 * valid checksum: the last 6 characters are the base62 CRC-32 of the 30 random
 * characters after the prefix. A random look-alike fails with odds 1 in 62^6.
 */
function hasValidTokenChecksum(token) {
    const underscore = token.indexOf("_");
    const body = token.slice(underscore + 1);
    if (body.length !== 36)
        return false;
    return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
//# sourceMappingURL=checksum.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/validators.js



const DEFAULT_PASSWORDS = new Set([
    "password",
    "passwd",
    "postgres",
    "root",
    "admin",
    "secret",
    "guest",
    "user",
    "test",
    "pass",
    "mysql",
    "redis",
    "changeme",
    "default",
    "example",
    "letmein",
    "qwerty",
    "sa",
    "123456",
]);
/** Names that contain a secret-like word but hold something else (authors, URLs, sizes, flags). */
const NOT_SECRET_NAME = /author|authority|tokeniz|passive|bypass|compass|passthrough|passenger|keyboard|secretary|(?:url|uri|endpoint|path|file|dir|id|type|name|length|len|count|size|field|header|param|prefix|suffix|env|mode|enabled|required|expires?|expiry|ttl|timeout|provider|method|scheme|policy|format|label|placeholder|hint)["']?$/i;
/** Tokens that are not credentials: pagination cursors, anti-forgery tokens, parser tokens. */
const EPHEMERAL_NAME = /(?:next|continuation|pagination|page|sync|cursor|csrf|xsrf|lexer|parser)[_-]?token|(?:last|used|date|time|created|updated)["']?$/i;
function jsonSegment(segment) {
    try {
        return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    }
    catch {
        return undefined;
    }
}
function validJwt(token) {
    const [header, payload] = token.split(".");
    const h = jsonSegment(header ?? "");
    const p = jsonSegment(payload ?? "");
    return typeof h === "object" && h !== null && typeof h.alg === "string" && h.alg !== "none" && typeof p === "object";
}
function validPrivateKey(block) {
    const inner = block.replace(/^-----[^-\n]+-----/, "").replace(/-----[^-\n]+-----$/, "");
    if (inner.includes("${") || inner.includes("{{"))
        return false;
    // Drop armour headers, escaped newlines and the quotes/pluses of a key split into string literals.
    const body = inner
        .replace(/^[A-Za-z-]+: .*$/gm, "")
        .replace(/\\[nr]/g, "")
        .replace(/["'`]\s*\+\s*["'`]/g, "")
        .replace(/[\s"'`,]/g, "");
    if (body.length < 64)
        return false;
    let base64 = 0;
    for (let i = 0; i < body.length; i++)
        if (/[A-Za-z0-9+/=]/.test(body[i]))
            base64++;
    return base64 / body.length >= 0.97 && shannonEntropy(body) > 4.5;
}
/** Words that mark a value as a sample or a name rather than a credential. */
const SAMPLE_WORDS = /token|secret|passw|example|sample|dummy|placeholder|changeme|redacted|undefined|function/i;
const validators_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True when a value has the character mix of a generated secret rather than a word, identifier, reference or code. */
function looksGenerated(value) {
    if (value.length < 8)
        return false;
    if (!/^[A-Za-z0-9]/.test(value))
        return false; // code (`+x`, `[a]`, `?:`), references (`$X`, `@x`), paths
    if (/^(?:sha1|sha256|sha384|sha512|md5)[-:]/i.test(value))
        return false; // digests, SRI integrity
    if (validators_UUID.test(value))
        return false; // identifiers
    if (/^[a-z][a-z0-9+.-]*:/i.test(value))
        return false; // URIs, ARNs, URNs
    if ((value.match(/[(){}[\];]/g)?.length ?? 0) >= 2)
        return false; // code
    if (SAMPLE_WORDS.test(value))
        return false;
    if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value))
        return false; // config.secret, process.env.X
    if (/^\d+$/.test(value))
        return false;
    if (/^\d{4}-\d{2}-\d{2}/.test(value))
        return false; // dates and timestamps
    if (!/\d/.test(value)) {
        // Without digits only a long, mixed-case, high-entropy value that is not words glued together.
        if (value.length < 20 || !/[a-z]/.test(value) || !/[A-Z]/.test(value))
            return false;
        if (/^(?:[A-Z]?[a-z]+|[A-Z]{2,}(?![a-z]))+$/.test(value.replace(/[_.-]/g, "")))
            return false;
        return shannonEntropy(value) >= 4.0;
    }
    const classes = Number(/[a-z]/.test(value)) +
        Number(/[A-Z]/.test(value)) +
        Number(/\d/.test(value)) +
        Number(/[^\w.\-/]/.test(value));
    const entropy = shannonEntropy(value);
    if (/^[0-9a-f]+$/i.test(value))
        return value.length >= 16 && entropy >= 3.0 && /[a-f]/i.test(value);
    if (classes < 2)
        return false;
    return value.length >= 16 ? entropy >= 3.5 : entropy >= 2.8 && classes >= 3;
}
/**
 * A value assigned to a secret-like name: the whole name (the identifier the keyword sits in) must
 * not name something else, an unquoted value must be the whole line (`.env`, properties, YAML), and
 * the value must look generated.
 */
function genericAssignment({ secret, groups, linePrefix }) {
    const prefix = linePrefix ?? "";
    const lead = /[A-Za-z0-9_.-]*$/.exec(prefix)?.[0] ?? "";
    // A keyword glued to a lower-case word before it (`bypass`, `compass`) is not the same word.
    if (/[a-z]$/.test(lead) && /^[a-z]/.test(groups.kw ?? ""))
        return false;
    const name = `${lead}${groups.kw ?? ""}${groups.rest ?? ""}`;
    if (NOT_SECRET_NAME.test(name) || EPHEMERAL_NAME.test(name))
        return false;
    if (groups.unquoted !== undefined) {
        if (linePrefix === undefined)
            return false;
        if (!/^[ \t]*(?:export[ \t]+|-[ \t]+)?[A-Za-z0-9_.-]*$/.test(prefix))
            return false;
    }
    return looksGenerated(secret);
}
/** Runs the named validator; true keeps the candidate. */
function validate(name, candidate) {
    const { secret, groups } = candidate;
    switch (name) {
        case undefined:
            return true;
        case "github":
        case "npm":
            return hasValidTokenChecksum(secret);
        case "jwt":
            return validJwt(secret);
        case "private-key":
            return validPrivateKey(secret);
        case "url-credentials": {
            const user = groups.user ?? "";
            if (secret === user || DEFAULT_PASSWORDS.has(secret.toLowerCase()))
                return false;
            if (secret.length < 16 && /1234|abcd|qwer/i.test(secret))
                return false; // documentation samples (key_1234)
            if (placeholderReason(secret) || placeholderReason(user))
                return false;
            return secret.length >= 6 && shannonEntropy(secret) >= 2.5;
        }
        case "generic":
            return genericAssignment(candidate);
        case "generated":
            return looksGenerated(secret);
    }
}
//# sourceMappingURL=validators.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/matcher.js






/** Longest span of text one regex run may see; keeps every rule linear in the input. */
const MAX_RANGE = 64 * 1024;
/** How far back a line start is looked for (anchored `^`, unquoted assignments). */
const LINE_LOOKBACK = 256;
/**
 * Runs rules only at their keywords. A keyword filter finds every
 * keyword hit in one pass; an anchored rule is then tried once at each hit
 * (sticky regex), a windowed rule over a bounded window around its hits. A
 * megabyte-long minified line thus costs one automaton pass, never a
 * backtracking regex over the whole line.
 */
class Matcher {
    filter;
    /** For each keyword id, the rules it triggers. */
    owners;
    keywordLengths;
    rules;
    constructor(rules) {
        this.rules = rules;
        const keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort();
        this.filter = new KeywordFilter(keywords);
        this.owners = keywords.map((k) => rules.flatMap((r, i) => (r.keywords.includes(k) ? [i] : [])));
        this.keywordLengths = keywords.map((k) => k.length);
    }
    /** Every validated match in `text`, in order of position. */
    scan(text) {
        return this.scanWithRuns(text).matches;
    }
    /** Every validated match in `text`, and the encoded-alphabet runs found in the same pass. */
    scanWithRuns(text) {
        const matches = [];
        const seen = new Set();
        const { ids, starts, runs } = text instanceof ByteText ? this.filter.searchBytes(text.bytes) : this.filter.search(text);
        // Anchored rules run at their hits: (rule, at) pairs, in order of position.
        const anchored = [];
        // Windowed rules run over the windows around their hits, merged: rule → (from, to, live)
        // triples; a window is live when one of its hits passes the rule's tail guard (or it has none).
        const windows = new Map();
        for (let h = 0; h < ids.length; h++) {
            const at = starts[h];
            const id = ids[h];
            for (const i of this.owners[id] ?? []) {
                const rule = this.rules[i];
                if (rule.anchored) {
                    // The regex runs where the bytes at the hit can start a match (the line-start rules see
                    // a sentinel before the hit, not the character there).
                    if (rule.guard === undefined || guardAllows(rule.guard, text, at, !rule.needsLineStart))
                        anchored.push(i, at);
                    continue;
                }
                const from = Math.max(0, at - rule.before);
                const to = Math.min(text.length, at + rule.after);
                const live = rule.tail === undefined || guardAllows(rule.tail, text, at + this.keywordLengths[id], true)
                    ? 1
                    : 0;
                let list = windows.get(i);
                if (!list) {
                    list = [];
                    windows.set(i, list);
                }
                const last = list.length - 3;
                if (last >= 0 && from <= list[last + 1] && to - list[last] <= MAX_RANGE) {
                    list[last + 1] = Math.max(list[last + 1], to);
                    list[last + 2] = list[last + 2] | live;
                }
                else
                    list.push(from, to, live);
            }
        }
        // Every run in order of position (each rule's own in the order they were made: a rule keeps the
        // first match it finds at a position), so that a text of bytes is turned into strings once.
        const windowed = inOrder(windows);
        let a = 0;
        let w = 0;
        while (a < anchored.length || w < windowed.length) {
            if (w >= windowed.length || (a < anchored.length && anchored[a + 1] <= windowed[w])) {
                const rule = this.rules[anchored[a]];
                const at = anchored[a + 1];
                this.run(rule, text, at, Math.min(text.length, at + rule.after), at, seen, matches);
                a += 2;
            }
            else {
                const from = windowed[w];
                this.run(this.rules[windowed[w + 2]], text, from, windowed[w + 1], from, seen, matches);
                w += 3;
            }
        }
        matches.sort((a, b) => a.start - b.start || (a.rule.id < b.rule.id ? -1 : 1));
        return { matches, runs };
    }
    /** Runs one rule over text[from, to); an anchored rule only at `at`. */
    run(rule, text, from, to, at, seen, out) {
        // Rules that look at line starts get the slice from the line start when it is near, else a
        // NUL sentinel so `^` cannot match mid-line; the others get one character of left context.
        let nl = -1;
        let base;
        let slice;
        if (rule.needsLineStart) {
            nl = lineStartBefore(text, from);
            base = nl >= 0 ? nl : from - 1;
            slice = nl >= 0 ? text.slice(base, to) : `\u0000${text.slice(from, to)}`;
        }
        else {
            base = from > 0 ? from - 1 : 0;
            slice = text.slice(base, to);
        }
        const regex = rule.regex;
        regex.lastIndex = rule.anchored ? at - base : 0;
        for (let m = nextMatch(rule, slice); m !== null; m = rule.anchored ? null : nextMatch(rule, slice)) {
            if (m[0].length === 0) {
                regex.lastIndex++;
                continue;
            }
            const index = secretGroup(m);
            const secret = m[index] ?? m[0];
            const span = m.indices?.[index];
            if (!span)
                continue;
            const start = base + span[0];
            const key = `${rule.id}:${start}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy)
                continue;
            if (rule.validator !== "private-key" && placeholderReason(secret) !== undefined)
                continue;
            const linePrefix = nl >= 0 ? slice.slice(0, m.index) : undefined;
            if (!validate(rule.validator, { secret, groups: m.groups ?? {}, linePrefix }))
                continue;
            out.push({ rule, secret, start, end: base + span[1] });
        }
    }
}
/**
 * The live windows of every rule (see scanWithRuns) as (from, to, rule) triples by `from`; a
 * rule's own keep their order.
 */
function inOrder(windows) {
    const out = [];
    for (const [i, list] of windows)
        for (let w = 0; w < list.length; w += 3)
            if (list[w + 2] === 1)
                out.push(list[w], list[w + 1], i);
    if (windows.size <= 1)
        return out;
    const order = Array.from({ length: out.length / 3 }, (_, k) => k);
    // Stable: triples with the same `from` stay in the order they were listed.
    order.sort((x, y) => out[x * 3] - out[y * 3]);
    const sorted = [];
    for (const k of order)
        sorted.push(out[k * 3], out[k * 3 + 1], out[k * 3 + 2]);
    return sorted;
}
/**
 * The rule's next match in `slice` from its regex's lastIndex. A rule with a lead first moves
 * lastIndex to `lead` characters before the next keyword: a match starting earlier would hold a
 * keyword further on than that, before the next one; and with no keyword left no match is left.
 */
function nextMatch(rule, slice) {
    const regex = rule.regex;
    if (rule.lead !== undefined && !rule.anchored) {
        let next = -1;
        for (const keyword of rule.keywords) {
            const at = slice.indexOf(keyword, regex.lastIndex);
            if (at !== -1 && (next === -1 || at < next))
                next = at;
        }
        if (next === -1) {
            regex.lastIndex = 0;
            return null;
        }
        if (next - rule.lead > regex.lastIndex)
            regex.lastIndex = next - rule.lead;
    }
    return regex.exec(slice);
}
/** Start of the line holding `from` when it is at most LINE_LOOKBACK characters back, else -1. */
function lineStartBefore(text, from) {
    const stop = Math.max(0, from - LINE_LOOKBACK);
    for (let i = from - 1; i >= stop; i--)
        if (text.charCodeAt(i) === 10)
            return i + 1;
    return stop === 0 ? 0 : -1;
}
/** Index of the group holding the secret: `secret` when named, else the first group that matched, else 0. */
function secretGroup(m) {
    const named = m.indices?.groups?.secret;
    for (let g = 1; g < m.length; g++) {
        const span = m.indices?.[g];
        if (!span)
            continue;
        if (!named || (span[0] === named[0] && span[1] === named[1] && m[g] === m.groups?.secret))
            return g;
    }
    return 0;
}
//# sourceMappingURL=matcher.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/scan/claim.js
// Work sharing without a coordinator: every thread holds the same list of files (in the same
// order) and takes the next one from a cursor in shared memory, so a thread never waits for
// another to hand it work.
/** A cursor over a file list that threads share: the index of the next file nobody has taken. */
function sharedCursor() {
    return new Int32Array(new SharedArrayBuffer(4));
}
/**
 * Takes the next index below `known` (how many files this thread knows of) from the cursor, for
 * this thread alone; -1 when every known file is taken.
 */
function claimIndex(cursor, known) {
    for (;;) {
        const next = Atomics.load(cursor, 0);
        if (next >= known)
            return -1;
        if (Atomics.compareExchange(cursor, 0, next, next + 1) === next)
            return next;
    }
}
/** Takes the next file of `tasks` from the cursor; undefined when every file is taken. */
function claimFrom(cursor, tasks) {
    const index = claimIndex(cursor, tasks.length);
    return index < 0 ? undefined : tasks[index];
}
//# sourceMappingURL=claim.js.map
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ../../packages/secrets/dist/report/fingerprint.js

/**
 * A stable identity of a finding for baselines and SARIF: SHA-256 over rule,
 * secret, file and line. The secret only goes into the digest, never out.
 */
function fingerprint(rule, secret, file, line) {
    return (0,external_node_crypto_namespaceObject.createHash)("sha256").update(`${rule}\u0000${secret}\u0000${file}\u0000${line}`).digest("hex").slice(0, 32);
}
//# sourceMappingURL=fingerprint.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/report/redact.js
/** Secrets shorter than this are masked entirely: showing 6 of them would give too much away. */
const MIN_PARTIAL = 12;
/** Redacts a secret as its first 3 and last 3 characters around `***` (`ghp***x9Z`); short secrets become `***`. */
function redact(secret) {
    const flat = secret.replace(/\s+/g, " ");
    if (flat.length < MIN_PARTIAL)
        return "***";
    return `${flat.slice(0, 3)}***${flat.slice(-3)}`;
}
//# sourceMappingURL=redact.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/scan/collect.js


/** An empty partial result. */
function emptyPartial() {
    return { candidates: [], unscanned: [], files: 0, bytes: 0, archives: 0 };
}
/** A WalkReport that fills `into`, turning located findings into candidate findings. */
function collectInto(into) {
    return {
        finding(file, f) {
            into.candidates.push({
                rule: f.ruleId,
                description: f.description,
                severity: f.severity,
                file,
                line: f.line,
                column: f.column,
                redacted: redact(f.secret),
                fingerprint: fingerprint(f.ruleId, f.secret, file, f.line),
                via: f.via,
                secret: f.secret,
                allowedBy: f.allowedBy,
            });
        },
        unscanned(record) {
            into.unscanned.push(record);
        },
        scanned(bytes) {
            into.files++;
            into.bytes += bytes;
        },
        archive() {
            into.archives++;
        },
    };
}
/** Adds `part` into `total`. */
function mergePartial(total, part) {
    total.candidates.push(...part.candidates);
    total.unscanned.push(...part.unscanned);
    total.files += part.files;
    total.bytes += part.bytes;
    total.archives += part.archives;
}
//# sourceMappingURL=collect.js.map
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(75);
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/byte-source.js

/** The first `n` bytes (fewer at end of input) and the whole source again, head included. */
async function peek(source, n) {
    const iterator = source[Symbol.asyncIterator]();
    const chunks = [];
    let size = 0;
    let done = false;
    while (size < n) {
        const next = await iterator.next();
        if (next.done) {
            done = true;
            break;
        }
        const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
        chunks.push(chunk);
        size += chunk.length;
    }
    const head = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    async function* all() {
        if (head.length > 0)
            yield head;
        if (done)
            return;
        for (let next = await iterator.next(); !next.done; next = await iterator.next())
            yield next.value;
    }
    const close = async () => {
        if (!done)
            await iterator.return?.();
    };
    return { head: head.subarray(0, n), all: all(), close };
}
/** Pipes `source` through a Node transform (a decompressor), counting the bytes that go in. */
function through(source, transform, counter) {
    const input = external_node_stream_.Readable.from((async function* () {
        for await (const chunk of source) {
            counter.in += chunk.byteLength;
            yield chunk;
        }
    })(), { objectMode: false });
    input.on("error", (error) => transform.destroy(error));
    transform.on("close", () => input.destroy());
    return input.pipe(transform);
}
/** Wraps a web stream (the xz decoder's output) as a ByteSource. */
function fromWeb(stream) {
    return stream;
}
/** Recognises zip (and jar/whl/…), gzip, bzip2, xz and tar by their magic bytes, whatever the name. */
function sniffContainer(head) {
    const b = head;
    if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6))
        return "zip";
    if (b[0] === 0x1f && b[1] === 0x8b)
        return "gzip";
    if (b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 && b[4] === 0x31 && b[5] === 0x41 && b[6] === 0x59)
        return "bzip2";
    if (b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a && b[5] === 0)
        return "xz";
    if (b.length >= 262 && Buffer.from(b.subarray(257, 262)).toString("latin1") === "ustar")
        return "tar";
    return "file";
}
/** A ByteSource of bytes already in memory. */
async function* fromBuffer(bytes) {
    yield bytes;
}
//# sourceMappingURL=byte-source.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/read-file.js

/** Files up to this size are read in one call; larger ones are read in chunks of this size. */
const SMALL_FILE = 4 * 1024 * 1024;
/**
 * Opened without following a symlink and without waiting on a FIFO: a path that stopped being a
 * regular file after it was listed is recognised by the descriptor, with no separate lstat.
 */
const OPEN_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NOFOLLOW ?? 0) | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0);
/** Opens `path` when it is (still) a regular file; undefined when it is a symlink, directory, FIFO, … */
function openRegularFile(path) {
    let fd;
    try {
        fd = (0,external_node_fs_namespaceObject.openSync)(path, OPEN_FLAGS);
    }
    catch (error) {
        if (error.code === "ELOOP")
            return undefined; // a symlink now
        throw error;
    }
    try {
        const info = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        if (info.isFile())
            return { fd, size: info.size };
    }
    catch (error) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        throw error;
    }
    (0,external_node_fs_namespaceObject.closeSync)(fd);
    return undefined;
}
let readBuffer = Buffer.alloc(64 * 1024);
/**
 * Reads a whole small file into a buffer reused from file to file (each thread scans one file at
 * a time, and nothing keeps the bytes once the file is scanned), so reading thousands of files
 * does not churn the allocator. The bytes stay valid until the next read.
 */
function readSmallFile(file) {
    if (readBuffer.length < file.size + 1)
        readBuffer = Buffer.alloc(Math.max(file.size + 1, readBuffer.length * 2));
    let total = 0;
    for (;;) {
        const want = readBuffer.length - total;
        const n = (0,external_node_fs_namespaceObject.readSync)(file.fd, readBuffer, total, want, total);
        total += n;
        // A regular file gives fewer bytes than asked only at its end: no extra read to see end of file.
        if (n === 0 || n < want)
            break;
    }
    if (total > file.size)
        throw Object.assign(new Error("the file grew during the scan"), { code: "EAGAIN" });
    return readBuffer.subarray(0, total);
}
/** Fills readBuffer[0, want) from `position` of the file; fewer bytes only at its end. */
function readInto(fd, position, want) {
    let total = 0;
    while (total < want) {
        const n = (0,external_node_fs_namespaceObject.readSync)(fd, readBuffer, total, want - total, position + total);
        if (n === 0)
            break;
        total += n;
    }
    return total;
}
/** The first SMALL_FILE bytes of a large file, in the reused buffer. */
function readFirstChunk(file) {
    if (readBuffer.length < SMALL_FILE)
        readBuffer = Buffer.alloc(SMALL_FILE);
    return readBuffer.subarray(0, readInto(file.fd, 0, SMALL_FILE));
}
/**
 * The chunks of a large file, SMALL_FILE bytes each, read one after the other into the reused
 * buffer (each overwrites the one before); `first` is the chunk readFirstChunk returned.
 */
function* fileChunks(file, first) {
    let position = 0;
    for (let chunk = first; chunk.length > 0; chunk = readBuffer.subarray(0, readInto(file.fd, position, SMALL_FILE))) {
        yield chunk;
        position += chunk.length;
        if (chunk.length < SMALL_FILE)
            return;
    }
}
//# sourceMappingURL=read-file.js.map
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/decode.js

const DIGEST_PREFIX = /(?:sha1|sha256|sha384|sha512|md5)[-:]$/i;
/** True when at least 95% of the bytes are printable ASCII or common whitespace. */
function isPrintable(bytes) {
    if (bytes.length === 0)
        return false;
    let printable = 0;
    for (const b of bytes)
        if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13)
            printable++;
    return printable >= bytes.length * 0.95;
}
function percentDecode(run) {
    const escapes = run.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0;
    if (escapes < 3)
        return undefined;
    return Buffer.from(run.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))), "latin1");
}
/** Character classes of a run, by bit: what `kindOf` decides on. */
const PERCENT = 1;
const NOT_HEX = 2;
const PLUS_SLASH = 4;
const DASH_UNDERSCORE = 8;
const decode_DIGIT = 16;
const EQUALS = 32;
const CLASS = Uint8Array.from({ length: 256 }, (_, c) => {
    const ch = String.fromCharCode(c);
    return ((/[0-9a-fA-F]/.test(ch) ? 0 : NOT_HEX) |
        (/\d/.test(ch) ? decode_DIGIT : 0) |
        (ch === "%" ? PERCENT : 0) |
        (ch === "+" || ch === "/" ? PLUS_SLASH : 0) |
        (ch === "-" || ch === "_" ? DASH_UNDERSCORE : 0) |
        (ch === "=" ? EQUALS : 0));
});
/**
 * How text[start, end) may be encoded, from one pass over its characters (no string is made):
 * percent-encoding when it has a `%`, hex when it is all hex digits (of even length, 32 or more),
 * else base64 unless it mixes the standard and URL-safe alphabets or looks like an identifier
 * (no digit, `+`, `/` or `=`).
 */
function kindOf(text, start, end) {
    let seen = 0;
    if (text instanceof ByteText) {
        const bytes = text.bytes;
        for (let i = start; i < end; i++)
            seen |= CLASS[bytes[i]];
    }
    else {
        for (let i = start; i < end; i++) {
            const c = text.charCodeAt(i);
            seen |= c < 256 ? CLASS[c] : NOT_HEX; // UTF-16 text: a character above 255 is none of them
        }
    }
    if (seen & PERCENT)
        return "percent";
    if ((seen & NOT_HEX) === 0)
        return end - start >= 32 && (end - start) % 2 === 0 ? "hex" : undefined;
    // Standard and URL-safe alphabets do not mix in one encoded value.
    if (seen & PLUS_SLASH && seen & DASH_UNDERSCORE)
        return undefined;
    if ((seen & (decode_DIGIT | PLUS_SLASH | EQUALS)) === 0)
        return undefined; // an identifier, not encoded data
    return "base64";
}
function decodeRun(kind, run) {
    if (kind === "percent")
        return percentDecode(run);
    return Buffer.from(run, kind);
}
/**
 * Decodes the base64, hex and percent-encoded runs (found by the keyword pass) whose decoded bytes are text.
 * Runs that are digests (`sha512-…` integrity, `sha256:` image digests) or the
 * payload of a `data:…;base64,` URI are content of a known kind and are left alone;
 * runs that decode to binary (images, hashes) are not text and are skipped too.
 */
function decodedRuns(text, runs) {
    const out = [];
    for (let r = 0; r < runs.length; r += 2) {
        const start = runs[r];
        let end = runs[r + 1];
        while (end < text.length && end - runs[r + 1] < 2 && text.charCodeAt(end) === 61)
            end++; // "=" padding
        const kind = kindOf(text, start, end);
        if (kind === undefined)
            continue;
        const before = sliceApart(text, Math.max(0, start - 8), start);
        if (DIGEST_PREFIX.test(before) || before.endsWith("base64,"))
            continue;
        const decoded = decodeRun(kind, sliceApart(text, start, end));
        if (!decoded || decoded.length < 12 || !isPrintable(decoded))
            continue;
        out.push({ start, end, encoding: kind, text: Buffer.from(decoded).toString("latin1") });
    }
    return out;
}
//# sourceMappingURL=decode.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/literals.js

const MAX_LITERAL = 512;
const NEWLINE = 10;
const BACKSLASH = 92;
const isQuote = (c) => c === 34 || c === 39 || c === 96;
/**
 * The next junction at or after `from`: a quote, spaces or tabs, `+`, white space and a quote
 * (what `/(["'`])[ \t]*\+[ \t\r\n]*(["'`])/g` matches), found from the `+` by a native
 * `indexOf` rather than by trying the pattern at every quote. Returns the offsets of both quotes.
 */
function nextJunction(text, from) {
    for (let plus = text.indexOf("+", from); plus !== -1; plus = text.indexOf("+", plus + 1)) {
        let left = plus - 1;
        for (let c = text.charCodeAt(left); left >= from && (c === 32 || c === 9); c = text.charCodeAt(left))
            left--;
        if (left < from || !isQuote(text.charCodeAt(left)))
            continue;
        let right = plus + 1;
        for (let c = text.charCodeAt(right); c === 32 || c === 9 || c === 13 || c === 10; c = text.charCodeAt(right))
            right++;
        if (isQuote(text.charCodeAt(right)))
            return [left, right];
    }
    return undefined;
}
function literalStart(text, close, quote) {
    const stop = Math.max(0, close - MAX_LITERAL);
    for (let i = close - 1; i >= stop; i--) {
        const c = text.charCodeAt(i);
        if (c === NEWLINE)
            return -1;
        if (c === quote && text.charCodeAt(i - 1) !== BACKSLASH)
            return i + 1;
    }
    return -1;
}
function literalEnd(text, open, quote) {
    const stop = Math.min(text.length, open + 1 + MAX_LITERAL);
    for (let i = open + 1; i < stop; i++) {
        const c = text.charCodeAt(i);
        if (c === NEWLINE)
            return -1;
        if (c === quote && text.charCodeAt(i - 1) !== BACKSLASH)
            return i;
    }
    return -1;
}
/**
 * Chains of string literals concatenated with `+` (`"ghp_abc" + "def…"`), as
 * minifiers and hand-split secrets leave them. Each literal is bounded, so
 * the cost stays linear in the text.
 */
function joinedLiterals(text) {
    const out = [];
    let current;
    let currentEnd = -1;
    let from = 0;
    for (let j = nextJunction(text, from); j !== undefined; j = nextJunction(text, from)) {
        const [index, open] = j;
        from = open + 1;
        const leftQuote = text.charCodeAt(index);
        const rightQuote = text.charCodeAt(open);
        const close = literalEnd(text, open, rightQuote);
        if (close < 0)
            continue;
        const right = sliceApart(text, open + 1, close);
        if (current && index === currentEnd) {
            current.junctions.push(current.text.length);
            current.text += right;
        }
        else {
            const start = literalStart(text, index, leftQuote);
            if (start < 0)
                continue;
            if (current)
                out.push(current);
            const left = sliceApart(text, start, index);
            current = { start, end: close, text: left + right, junctions: [left.length] };
        }
        current.end = close;
        currentEnd = close;
        from = close;
    }
    if (current)
        out.push(current);
    return out.filter((j) => j.text.length >= 16);
}
//# sourceMappingURL=literals.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/detect/analyze.js


function toFinding(m, start, end, via) {
    return {
        ruleId: m.rule.id,
        description: m.rule.description,
        severity: m.rule.severity,
        secret: m.secret,
        start,
        end,
        via,
    };
}
/**
 * Every secret in `text`: direct rule matches, secrets inside encoded runs
 * (decoded up to `decodeDepth` layers) and secrets split across concatenated
 * string literals. A generic finding that overlaps a provider finding is
 * dropped: the provider rule says more about the same bytes.
 */
function analyzeText(text, options, depth = 0) {
    const { matches, runs } = options.matcher.scanWithRuns(text);
    const found = matches.map((m) => toFinding(m, m.start, m.end, []));
    if (depth < options.decodeDepth) {
        for (const run of decodedRuns(text, runs)) {
            for (const inner of analyzeText(run.text, options, depth + 1)) {
                found.push({ ...inner, start: run.start, end: run.end, via: [run.encoding, ...inner.via] });
            }
        }
    }
    if (depth === 0) {
        for (const joined of joinedLiterals(text)) {
            for (const m of options.matcher.scan(joined.text)) {
                // Only secrets that cross a junction are new; the others were matched in place.
                if (!joined.junctions.some((j) => m.start < j && m.end > j))
                    continue;
                found.push(toFinding(m, joined.start + m.start, joined.start + m.start + m.secret.length, ["concat"]));
            }
        }
    }
    return dropShadowed(found);
}
/** Rules that only say "a credential sits here"; a provider rule on the same bytes replaces them. */
const GENERIC = new Set(["generic-secret", "npmrc-auth-token", "docker-config-auth", "url-credentials"]);
function dropShadowed(found) {
    const specific = found.filter((f) => !GENERIC.has(f.ruleId));
    const kept = found.filter((f) => !GENERIC.has(f.ruleId) || !specific.some((s) => s.start < f.end && f.start < s.end));
    const seen = new Set();
    return kept
        .sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
        .filter((f) => {
        const key = `${f.ruleId}\u0000${f.start}\u0000${f.secret}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
//# sourceMappingURL=analyze.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/content/encoding.js
/**
 * Picks the encoding from the first bytes: a UTF-16 byte-order mark, or the
 * zero bytes every other position that UTF-16 gives ASCII text. Everything
 * else is read byte-for-byte as latin1: credentials are ASCII, so UTF-8 text,
 * invalid UTF-8 and the printable strings inside binaries are all scanned
 * without a decoding step that could fail or drop bytes.
 */
function sniffEncoding(head) {
    if (head[0] === 0xff && head[1] === 0xfe)
        return "utf-16le";
    if (head[0] === 0xfe && head[1] === 0xff)
        return "utf-16be";
    const n = Math.min(head.length, 256) & ~1;
    if (n < 16)
        return "latin1";
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
        if (head[i] === 0)
            evenZero++;
        if (head[i + 1] === 0)
            oddZero++;
    }
    const pairs = n / 2;
    if (oddZero >= pairs * 0.7 && evenZero <= pairs * 0.1)
        return "utf-16le";
    if (evenZero >= pairs * 0.7 && oddZero <= pairs * 0.1)
        return "utf-16be";
    return "latin1";
}
/** A streaming bytes → text decoder for one encoding. */
function textDecoder(encoding) {
    if (encoding === "latin1")
        return (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    const decoder = new TextDecoder(encoding, { fatal: false });
    return (bytes, last) => decoder.decode(bytes, { stream: !last });
}
//# sourceMappingURL=encoding.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/content/markers.js
/**
 * Inline allow markers on the line of a finding: Tollgate's own
 * `tollgate:allow <reason>` (a reason is required) and the markers of tools
 * users migrate from (`gitleaks:allow`, `secretlint-disable-line`,
 * `pragma: allowlist secret` from detect-secrets).
 */
const MARKER = /tollgate:allow[ \t]+([^\r\n]*[^\s*/#-][^\r\n]*)|(gitleaks:allow|secretlint-disable-line|pragma:[ \t]*allowlist[ -]secret)([^\r\n]*)/;
/** The reason an inline marker on `line` gives, or undefined when there is no valid marker. */
function inlineAllowReason(line) {
    const m = MARKER.exec(line);
    if (!m)
        return undefined;
    if (m[1] !== undefined)
        return m[1].trim().replace(/\s*(?:\*\/|-->)\s*$/, "");
    const rest = (m[3] ?? "")
        .replace(/^[\s:-]+/, "")
        .replace(/\s*(?:\*\/|-->)\s*$/, "")
        .trim();
    return rest.length > 0 ? `${m[2]}: ${rest}` : m[2];
}
//# sourceMappingURL=markers.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/content/stream-scanner.js




/** Characters scanned at once; memory per file stays near this whatever the file size. */
const CHUNK = 4 * 1024 * 1024;
/** Characters carried into the next chunk: longer than any match (PEM keys are the longest). */
const OVERLAP = 24 * 1024;
/** How far around a finding the line is searched for an allow marker. */
const MARKER_REACH = 4096;
/**
 * Scans a file as it streams in: text is analysed in bounded chunks that
 * overlap by more than the longest match, and each finding belongs to the
 * chunk it starts in, so nothing is found twice or missed at a boundary.
 */
class StreamScanner {
    options;
    chunk;
    /** The decoder of UTF-16 text; latin1 text is scanned as bytes, never decoded. */
    decode;
    /** Text not analysed yet: a string (UTF-16) or byte chunks (latin1). */
    pending = "";
    pendingBytes = [];
    pendingLength = 0;
    /** Where byte chunks are joined into one text, reused from chunk to chunk. */
    joined;
    offsetBase = 0;
    lineBase = 0;
    /** Global offset of the last newline before the pending text, -1 when none. */
    lastNewline = -1;
    head = [];
    headBytes = 0;
    sniffed = false;
    findings = [];
    encoding = "latin1";
    constructor(options, chunk = CHUNK) {
        this.options = options;
        this.chunk = Math.max(chunk, OVERLAP * 2);
    }
    /**
     * Feeds the next bytes of the file. The scanner may keep `bytes` until the next write; with
     * `reused` (the caller overwrites them afterwards) it keeps a copy of what it has not scanned yet.
     */
    write(bytes, reused = false) {
        const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (!this.sniffed) {
            // Wait for enough bytes to recognise UTF-16 before choosing how to read the text.
            this.head.push(buffer);
            this.headBytes += buffer.byteLength;
            if (this.headBytes >= 256)
                this.startReading(false);
        }
        else
            this.append(buffer, false);
        if (reused)
            this.ownPending(buffer);
    }
    /** Replaces a pending reference to `buffer` (its owner is about to overwrite it) with a copy. */
    ownPending(buffer) {
        // Only the part just written can be `buffer`: parts written before it are owned already.
        for (const parts of [this.head, this.pendingBytes]) {
            const last = parts.length - 1;
            if (last >= 0 && parts[last] === buffer)
                parts[last] = Buffer.from(buffer);
        }
    }
    /** Ends the file and returns every finding, in order. */
    end() {
        if (!this.sniffed)
            this.startReading(true);
        else if (this.decode)
            this.pending += this.decode(new Uint8Array(0), true);
        this.process(true);
        return this.findings;
    }
    startReading(last) {
        const head = this.head.length === 1 ? this.head[0] : Buffer.concat(this.head);
        this.head = [];
        this.sniffed = true;
        this.encoding = sniffEncoding(head);
        if (this.encoding !== "latin1")
            this.decode = textDecoder(this.encoding);
        this.append(head, last);
    }
    append(bytes, last) {
        if (this.decode) {
            this.pending += this.decode(bytes, last);
            this.pendingLength = this.pending.length;
        }
        else if (bytes.byteLength > 0) {
            this.pendingBytes.push(bytes);
            this.pendingLength += bytes.byteLength;
        }
        while (this.pendingLength >= this.chunk)
            this.process(false);
    }
    /** The pending text as one Text: the string, or the bytes joined (one chunk is used as it is). */
    pendingText() {
        if (this.decode)
            return this.pending;
        const parts = this.pendingBytes;
        if (parts.length === 1)
            return new ByteText(parts[0]);
        if (!this.joined || this.joined.length < this.pendingLength)
            this.joined = Buffer.allocUnsafe(this.pendingLength);
        let at = 0;
        for (const part of parts)
            at += part.copy(this.joined, at);
        return new ByteText(this.joined.subarray(0, at));
    }
    /** Keeps text[owned, end) for the next chunk. */
    keep(text, owned) {
        if (text instanceof ByteText) {
            // A copy: the chunk may be a buffer its reader reuses.
            this.pendingBytes = [Buffer.from(text.bytes.subarray(owned))];
            this.pendingLength = text.length - owned;
        }
        else {
            this.pending = text.slice(owned);
            this.pendingLength = this.pending.length;
        }
    }
    process(final) {
        const text = this.pendingText();
        const owned = final ? text.length : text.length - OVERLAP;
        const found = analyzeText(text, this.options).filter((f) => f.start < owned);
        let line = this.lineBase;
        let cursor = 0;
        let lastNl = this.lastNewline - this.offsetBase; // may be negative: before this text
        for (const f of found) {
            for (let nl = text.indexOf("\n", cursor); nl !== -1 && nl < f.start; nl = text.indexOf("\n", nl + 1)) {
                line++;
                lastNl = nl;
                cursor = nl + 1;
            }
            if (cursor < f.start)
                cursor = f.start;
            const lineFrom = Math.max(lastNl + 1, f.start - MARKER_REACH, 0);
            let lineTo = text.indexOf("\n", f.start);
            if (lineTo === -1 || lineTo > f.end + MARKER_REACH)
                lineTo = Math.min(text.length, f.end + MARKER_REACH);
            this.findings.push({
                ...f,
                line: line + 1,
                column: f.start - lastNl,
                allowedBy: inlineAllowReason(sliceApart(text, lineFrom, lineTo)),
            });
        }
        if (final)
            return;
        let newlines = 0;
        let last = -1;
        for (let nl = text.indexOf("\n"); nl !== -1 && nl < owned; nl = text.indexOf("\n", nl + 1)) {
            newlines++;
            last = nl;
        }
        this.lineBase += newlines;
        if (last !== -1)
            this.lastNewline = this.offsetBase + last;
        this.offsetBase += owned;
        this.keep(text, owned);
    }
}
//# sourceMappingURL=stream-scanner.js.map
// EXTERNAL MODULE: ../../node_modules/tar-stream/index.js
var tar_stream = __nccwpck_require__(474);
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/context.js
/** Member names that would escape an extraction directory: `..` segments or absolute paths. */
function isUnsafeMemberName(name) {
    return /^(?:[/\\]|[A-Za-z]:)/.test(name) || name.split(/[/\\]/).includes("..");
}
//# sourceMappingURL=context.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/tar.js




/**
 * Scans the members of a tar stream (plain tar, or the inside of .tar.gz /
 * .tgz / .tar.bz2 / .tar.xz, and container image layers) one at a time,
 * in memory. Links are reported by name and never followed.
 */
async function scanTar(name, source, depth, ctx) {
    const tar = (0,tar_stream.extract)();
    const input = external_node_stream_.Readable.from(source, { objectMode: false });
    input.on("error", (error) => tar.destroy(error));
    input.pipe(tar);
    let members = 0;
    try {
        for await (const entry of tar) {
            const header = entry.header;
            const member = `${name}!${header.name}`;
            members++;
            if (members > ctx.limits.maxMembers) {
                ctx.report.unscanned({
                    file: name,
                    reason: "max-members",
                    detail: `more than ${ctx.limits.maxMembers} members; the rest were not scanned`,
                });
                entry.resume();
                break;
            }
            if (isUnsafeMemberName(header.name)) {
                ctx.report.unscanned({
                    file: member,
                    reason: "unsafe-path",
                    detail: "member name escapes the archive root; scanned in memory, never extracted",
                });
            }
            if (header.type === "symlink" || header.type === "link") {
                ctx.report.unscanned({
                    file: member,
                    reason: "symlink",
                    detail: `${header.type} to ${header.linkname ?? "?"} not followed`,
                });
                entry.resume();
                continue;
            }
            if (header.type !== "file" && header.type !== "contiguous-file") {
                entry.resume();
                continue;
            }
            try {
                await scanSource(member, entry, depth, ctx);
            }
            catch (error) {
                ctx.report.unscanned({ file: member, reason: "corrupt", detail: `could not read member: ${describe(error)}` });
            }
            entry.resume();
        }
    }
    catch (error) {
        ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken tar archive: ${describe(error)}` });
    }
    finally {
        input.destroy();
        tar.destroy();
    }
}
//# sourceMappingURL=tar.js.map
// EXTERNAL MODULE: ../../node_modules/yauzl/index.js
var yauzl = __nccwpck_require__(171);
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/zip.js



const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** Scans every member of an open zip (jar, war, whl, apk, vsix, nupkg …), one stream at a time. */
async function scanZip(name, zip, depth, ctx) {
    let members = 0;
    try {
        for await (const entry of zip.eachEntry()) {
            const member = `${name}!${entry.fileName}`;
            if (entry.fileName.endsWith("/"))
                continue;
            members++;
            if (members > ctx.limits.maxMembers) {
                ctx.report.unscanned({
                    file: name,
                    reason: "max-members",
                    detail: `more than ${ctx.limits.maxMembers} members; the rest were not scanned`,
                });
                break;
            }
            if (isUnsafeMemberName(entry.fileName)) {
                ctx.report.unscanned({
                    file: member,
                    reason: "unsafe-path",
                    detail: "member name escapes the archive root; scanned in memory, never extracted",
                });
            }
            if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
                ctx.report.unscanned({ file: member, reason: "symlink", detail: "symlink member not followed" });
                continue;
            }
            if ((entry.generalPurposeBitFlag & 1) !== 0) {
                ctx.report.unscanned({ file: member, reason: "encrypted", detail: "encrypted member cannot be read" });
                continue;
            }
            const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
            if (entry.uncompressedSize > 1024 * 1024 && ratio > ctx.limits.maxRatio) {
                ctx.report.unscanned({
                    file: member,
                    reason: "max-ratio",
                    detail: `compression ratio ${Math.round(ratio)} exceeds ${ctx.limits.maxRatio}`,
                });
                continue;
            }
            try {
                await scanSource(member, await zip.openReadStreamPromise(entry), depth, ctx);
            }
            catch (error) {
                ctx.report.unscanned({ file: member, reason: "corrupt", detail: `could not read member: ${describe(error)}` });
            }
        }
    }
    catch (error) {
        ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken zip archive: ${describe(error)}` });
    }
    finally {
        zip.close();
    }
}
/** Opens a zip file on disk by random access (nothing is read into memory up front). */
async function scanZipFile(name, path, depth, ctx) {
    let zip;
    try {
        zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
    }
    catch (error) {
        ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken zip archive: ${describe(error)}` });
        return;
    }
    await scanZip(name, zip, depth, ctx);
}
/**
 * A zip nested in another archive has no random access, so it is buffered
 * in memory, bounded by the single-file limit, then opened from the buffer.
 */
async function scanZipBuffer(name, source, depth, ctx) {
    const chunks = [];
    let size = 0;
    for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > ctx.limits.maxFileBytes) {
            ctx.report.unscanned({
                file: name,
                reason: "max-file-bytes",
                detail: `nested zip larger than ${ctx.limits.maxFileBytes} bytes`,
            });
            return;
        }
        chunks.push(chunk);
    }
    let zip;
    try {
        zip = await yauzl.fromBufferPromise(Buffer.concat(chunks), { lazyEntries: true, strictFileNames: false });
    }
    catch (error) {
        ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken zip archive: ${describe(error)}` });
        return;
    }
    await scanZip(name, zip, depth, ctx);
}
//# sourceMappingURL=zip.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/scan-source.js






/** Describes an error for an `unscanned` record without any content of the file. */
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Scans one byte stream named `name`: an archive is opened and its members
 * scanned recursively (names joined with `!`), anything else is scanned as
 * text. `depth` counts the archive levels above this stream.
 */
async function scanSource(name, source, depth, ctx) {
    const { head, all, close } = await peek(source, 512);
    const kind = sniffContainer(head);
    if (kind !== "file" && depth >= ctx.limits.maxDepth) {
        await close();
        ctx.report.unscanned({
            file: name,
            reason: "max-depth",
            detail: `${kind} archive nested deeper than ${ctx.limits.maxDepth} levels`,
        });
        return;
    }
    try {
        switch (kind) {
            case "file":
                return await scanText(name, all, ctx);
            case "tar":
                ctx.report.archive();
                return await scanTar(name, all, depth + 1, ctx);
            case "zip":
                ctx.report.archive();
                return await scanZipBuffer(name, all, depth + 1, ctx);
            default:
                ctx.report.archive();
                return await scanCompressed(name, kind, all, depth + 1, ctx);
        }
    }
    finally {
        await close();
    }
}
async function scanCompressed(name, kind, source, depth, ctx) {
    const counter = { in: 0 };
    let output;
    if (kind === "gzip")
        output = through(source, (0,external_node_zlib_namespaceObject.createGunzip)(), counter);
    else if (kind === "bzip2")
        output = (await __nccwpck_require__.e(/* import() */ 757).then(__nccwpck_require__.bind(__nccwpck_require__, 757))).bunzip2(source, counter);
    else
        output = fromWeb(await (await __nccwpck_require__.e(/* import() */ 4).then(__nccwpck_require__.bind(__nccwpck_require__, 4))).unxz(source, counter));
    let out = 0;
    let stopped = false;
    async function* guarded() {
        for await (const chunk of output) {
            out += chunk.byteLength;
            if (out > 1024 * 1024 && out > ctx.limits.maxRatio * Math.max(counter.in, 1)) {
                stopped = true;
                ctx.report.unscanned({
                    file: name,
                    reason: "max-ratio",
                    detail: `${kind} stream expands more than ${ctx.limits.maxRatio}x (${counter.in} bytes in, ${out} out)`,
                });
                return;
            }
            yield chunk;
        }
    }
    try {
        // Inside a compressed stream: a tar lists members under this name; a plain file is named without its extension.
        const inner = await peek(guarded(), 512);
        const innerKind = sniffContainer(inner.head);
        if (innerKind === "tar")
            await scanTar(name, inner.all, depth, ctx);
        else
            await scanSource(`${name}!${(0,external_node_path_namespaceObject.basename)(name.split("!").pop() ?? name).replace(/\.(?:gz|tgz|bz2|xz)$/i, "") || "data"}`, inner.all, depth, ctx);
    }
    catch (error) {
        if (!stopped)
            ctx.report.unscanned({ file: name, reason: "corrupt", detail: `${kind} stream is broken: ${describe(error)}` });
    }
}
/**
 * Feeds one chunk of a text to the scanner after checking the single-file and total byte limits
 * (`bytes` already fed); false, with the file reported as cut short, when a limit stops it.
 */
function feed(name, scanner, chunk, bytes, ctx, reused = false) {
    if (bytes + chunk.byteLength > ctx.limits.maxFileBytes) {
        ctx.report.unscanned({
            file: name,
            reason: "max-file-bytes",
            detail: `larger than ${ctx.limits.maxFileBytes} bytes; scanned the first ${bytes}`,
        });
        return false;
    }
    if (ctx.addBytes(chunk.byteLength) > ctx.limits.maxTotalBytes) {
        ctx.report.unscanned({
            file: name,
            reason: "max-total-bytes",
            detail: `the scan passed ${ctx.limits.maxTotalBytes} bytes in total; scanned the first ${bytes} of this file`,
        });
        return false;
    }
    scanner.write(chunk, reused);
    return true;
}
function finish(name, scanner, bytes, ctx) {
    for (const finding of scanner.end())
        ctx.report.finding(name, finding);
    ctx.report.scanned(bytes);
}
/** Scans a file or member as text, enforcing the single-file and total byte limits. */
async function scanText(name, source, ctx) {
    const scanner = new StreamScanner(ctx.analyze);
    let bytes = 0;
    for await (const chunk of source) {
        if (!feed(name, scanner, chunk, bytes, ctx))
            break;
        bytes += chunk.byteLength;
    }
    finish(name, scanner, bytes, ctx);
}
/**
 * `scanText` of chunks read synchronously, each into the buffer of the one before (the scanner
 * copies what it keeps): a large file on disk, read without a stream and without fresh buffers.
 * The thread's event loop gets a turn between chunks (the main thread hands out work to the
 * scan workers meanwhile).
 */
async function scanTextChunks(name, chunks, ctx) {
    const scanner = new StreamScanner(ctx.analyze);
    let bytes = 0;
    for (const chunk of chunks) {
        if (chunk.byteLength === 0)
            continue;
        if (!feed(name, scanner, chunk, bytes, ctx, true))
            break;
        bytes += chunk.byteLength;
        await new Promise((resolveTurn) => setImmediate(resolveTurn));
    }
    finish(name, scanner, bytes, ctx);
}
/** `scanText` of a text already in memory, in one synchronous step. */
function scanTextBytes(name, text, ctx) {
    const scanner = new StreamScanner(ctx.analyze);
    const fed = text.byteLength > 0 && feed(name, scanner, text, 0, ctx) ? text.byteLength : 0;
    finish(name, scanner, fed, ctx);
}
//# sourceMappingURL=scan-source.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/walk/files.js





/**
 * Scans a file larger than SMALL_FILE: text is read in chunks into the reused buffer and scanned
 * in this thread. Returns the container kind when it is an archive, to be opened again by path.
 */
async function scanLargeText(task, file, ctx) {
    const first = readFirstChunk(file);
    const kind = sniffContainer(first);
    if (kind !== "file")
        return kind;
    await scanTextChunks(task.name, fileChunks(file, first), ctx);
    return undefined;
}
/**
 * Scans one file on disk: a zip is opened by random access, other archives streamed, text read
 * into a reused buffer (whole, or in chunks when large) and scanned in this thread.
 */
async function scanFile(task, ctx) {
    try {
        const file = openRegularFile(task.path);
        if (file === undefined) {
            ctx.report.unscanned({ file: task.name, reason: "unreadable", detail: "no longer a regular file" });
            return;
        }
        let kind;
        let small;
        try {
            if (file.size > SMALL_FILE)
                kind = await scanLargeText(task, file, ctx);
            else {
                small = readSmallFile(file);
                kind = sniffContainer(small);
                // Most files: plain text already in memory, scanned without an async step.
                if (kind === "file")
                    scanTextBytes(task.name, small, ctx);
            }
        }
        finally {
            (0,external_node_fs_namespaceObject.closeSync)(file.fd);
        }
        if (kind === undefined || kind === "file")
            return;
        if (kind === "zip" && ctx.limits.maxDepth > 0) {
            ctx.report.archive();
            await scanZipFile(task.name, task.path, 1, ctx);
            return;
        }
        const source = small ? fromBuffer(small) : (0,external_node_fs_namespaceObject.createReadStream)(task.path, { highWaterMark: 1024 * 1024 });
        await scanSource(task.name, source, 0, ctx);
    }
    catch (error) {
        const code = error.code;
        const detail = code === "ENOENT" ? "the file vanished during the scan" : `cannot read: ${describe(error)}`;
        ctx.report.unscanned({ file: task.name, reason: "unreadable", detail });
    }
}
//# sourceMappingURL=files.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/scan/scan-files.js


/** Bytes a thread scans between turns of its event loop. */
const YIELD_BYTES = 4 * 1024 * 1024;
/**
 * Scans, in this thread and with `matcher`, the files `next` hands out (until it hands out none)
 * into one partial result; the byte budget is counted with `addBytes` (shared between threads).
 */
async function scanClaimed(next, settings, addBytes, matcher) {
    const partial = emptyPartial();
    const ctx = {
        analyze: { matcher, decodeDepth: settings.decodeDepth },
        limits: settings.limits,
        addBytes,
        report: collectInto(partial),
    };
    let turn = 0;
    for (let task = next(); task !== undefined; task = next()) {
        await scanFile(task, ctx);
        // Small files are scanned synchronously: give the event loop a turn every few megabytes (a
        // worker takes in the files listed meanwhile, the main thread hears of a failed worker).
        if (partial.bytes - turn >= YIELD_BYTES) {
            turn = partial.bytes;
            await new Promise((resolveTurn) => setImmediate(resolveTurn));
        }
    }
    return partial;
}
//# sourceMappingURL=scan-files.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/scan/task-batch.js
/** Packs a non-empty batch of listed files. */
function packTasks(tasks) {
    return { paths: tasks.map((t) => t.path).join("\0"), names: tasks.map((t) => t.name).join("\0") };
}
/** Appends the files of a packed batch to `into`, in their order. */
function unpackTasks(packed, into) {
    const paths = packed.paths.split("\0");
    const names = packed.names.split("\0");
    for (let i = 0; i < paths.length; i++)
        into.push({ path: paths[i], name: names[i] });
}
//# sourceMappingURL=task-batch.js.map
;// CONCATENATED MODULE: ../../packages/secrets/dist/scan/worker.js






/** The files listed so far, in the order the main thread lists them (the cursor indexes them). */
const tasks = [];
let start;
/** The matcher of the rules the main thread sent, built on the first message (while the files are listed). */
let matcher;
/** Whether the list is complete. */
let ended = false;
let scanning = false;
let replied = false;
const partial = emptyPartial();
function reply(message) {
    replied = true;
    external_node_worker_threads_namespaceObject.parentPort?.postMessage(message);
}
/**
 * Scans the files not yet taken, from the shared cursor, until none of those known is left; once
 * the list is complete and every file is taken, replies with everything this thread scanned.
 */
async function scanAvailable() {
    if (start === undefined || scanning || replied)
        return;
    const { cursor, bytes, settings } = start;
    scanning = true;
    try {
        const addBytes = (n) => Number(Atomics.add(bytes, 0, BigInt(n))) + n;
        matcher ??= new Matcher(start.rules);
        mergePartial(partial, await scanClaimed(() => claimFrom(cursor, tasks), settings, addBytes, matcher));
        // The list may have grown or ended while this thread scanned (messages are taken in between files).
        if (ended && Atomics.load(cursor, 0) >= tasks.length)
            reply({ kind: "done", result: partial });
    }
    catch (error) {
        reply({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
    finally {
        scanning = false;
    }
    if (!replied && Atomics.load(cursor, 0) < tasks.length)
        void scanAvailable();
}
external_node_worker_threads_namespaceObject.parentPort?.on("message", (request) => {
    if (request.kind === "start")
        start = request;
    else if (request.kind === "files")
        unpackTasks(request.tasks, tasks);
    else
        ended = true;
    void scanAvailable();
});
//# sourceMappingURL=worker.js.map
