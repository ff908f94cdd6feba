;; The wasm backend's training loops of our own, over channel-last tensors whose channel count c is
;; a multiple of 4, four channels a vector: training-mode batch norm + PReLU over n rows × c
;; channels, and the 2×2 max-pool's gradient. Pointers are byte offsets into tfjs's wasm heap,
;; imported as this module's memory. Every function sweeps its tensors once, row by row (the
;; paper network's activations outgrow the caches); per-channel constants sit in small arrays
;; of c float32s one after another at k, and per-channel sums accumulate as float64 in arrays of
;; c float64s one after another at out, which the function zeroes first.
(module
  (import "env" "memory" (memory 1 65536))

  ;; Zeroes `count` arrays of c float64s at out.
  (func $zero (param $out i32) (param $c i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (i32.mul (local.get $c) (local.get $count)) (i32.const 3))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
      (v128.store (local.get $out) (v128.const i64x2 0 0))
      (local.set $out (i32.add (local.get $out) (i32.const 16)))
      (br $next))))

  ;; acc[0..4) += the four lanes of v, as float64 (acc: two f64x2 at a).
  (func $accumulate (param $a i32) (param $v v128)
    (v128.store (local.get $a)
      (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
    (v128.store offset=16 (local.get $a)
      (f64x2.add (v128.load offset=16 (local.get $a))
        (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))

  ;; Σx and Σx² per channel, as float64, to the arrays at out.
  (func (export "moments") (param $x i32) (param $n i32) (param $c i32) (param $out i32)
    (local $stride i32) (local $end i32) (local $o i32) (local $a i32) (local $v v128)
    (local.set $stride (i32.shl (local.get $c) (i32.const 2)))
    (call $zero (local.get $out) (local.get $c) (i32.const 2))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $o (i32.const 0))
      (block $done (loop $group
        (br_if $done (i32.ge_u (local.get $o) (local.get $stride)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
        (local.set $a (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 1))))
        (call $accumulate (local.get $a) (local.get $v))
        (call $accumulate (i32.add (local.get $a) (i32.shl (local.get $stride) (i32.const 1)))
          (f32x4.mul (local.get $v) (local.get $v)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (br $row))))

  ;; y = PReLU(x·scale + shift), with the constants scale, shift, slope at k.
  (func (export "forward") (param $x i32) (param $y i32) (param $n i32) (param $c i32) (param $k i32)
    (local $stride i32) (local $end i32) (local $o i32) (local $ko i32) (local $z v128)
    (local.set $stride (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $o (i32.const 0))
      (block $done (loop $group
        (br_if $done (i32.ge_u (local.get $o) (local.get $stride)))
        (local.set $ko (i32.add (local.get $k) (local.get $o)))
        (local.set $z (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $o))) (v128.load (local.get $ko)))
          (v128.load (i32.add (local.get $ko) (local.get $stride)))))
        (v128.store (i32.add (local.get $y) (local.get $o))
          (v128.bitselect (local.get $z)
            (f32x4.mul (local.get $z)
              (v128.load (i32.add (local.get $ko) (i32.shl (local.get $stride) (i32.const 1)))))
            (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $y (i32.add (local.get $y) (local.get $stride)))
      (br $row))))

  ;; Backward, pass 1: ∂z = ∂y·(z > 0 ? 1 : slope) into dz, z = x·scale + shift; per channel, as
  ;; float64 to the arrays at out: Σ∂z, Σ∂z·(x − μ), Σ∂y·min(z, 0). Constants scale, shift,
  ;; slope, μ at k.
  (func (export "backwardSums") (param $dy i32) (param $x i32) (param $dz i32) (param $n i32) (param $c i32)
    (param $k i32) (param $out i32)
    (local $stride i32) (local $end i32) (local $o i32) (local $ko i32) (local $a i32) (local $a_step i32)
    (local $v v128) (local $d v128) (local $z v128) (local $pos v128) (local $g v128)
    (local.set $stride (i32.shl (local.get $c) (i32.const 2)))
    (local.set $a_step (i32.shl (local.get $stride) (i32.const 1)))
    (call $zero (local.get $out) (local.get $c) (i32.const 3))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $o (i32.const 0))
      (block $done (loop $group
        (br_if $done (i32.ge_u (local.get $o) (local.get $stride)))
        (local.set $ko (i32.add (local.get $k) (local.get $o)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
        (local.set $d (v128.load (i32.add (local.get $dy) (local.get $o))))
        (local.set $z (f32x4.add (f32x4.mul (local.get $v) (v128.load (local.get $ko)))
                                 (v128.load (i32.add (local.get $ko) (local.get $stride)))))
        (local.set $pos (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))
        (local.set $g (v128.bitselect (local.get $d)
          (f32x4.mul (local.get $d)
            (v128.load (i32.add (local.get $ko) (i32.shl (local.get $stride) (i32.const 1)))))
          (local.get $pos)))
        (v128.store (i32.add (local.get $dz) (local.get $o)) (local.get $g))
        (local.set $a (i32.add (local.get $out) (i32.shl (local.get $o) (i32.const 1))))
        (call $accumulate (local.get $a) (local.get $g))
        (call $accumulate (i32.add (local.get $a) (local.get $a_step))
          (f32x4.mul (local.get $g)
            (f32x4.sub (local.get $v) (v128.load (i32.add (local.get $ko) (i32.mul (local.get $stride) (i32.const 3)))))))
        ;; ∂y·z where z ≤ 0, else 0.
        (call $accumulate (i32.add (local.get $a) (i32.shl (local.get $a_step) (i32.const 1)))
          (v128.andnot (f32x4.mul (local.get $d) (local.get $z)) (local.get $pos)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $dy (i32.add (local.get $dy) (local.get $stride)))
      (local.set $dz (i32.add (local.get $dz) (local.get $stride)))
      (br $row))))

  ;; Backward, pass 2, in place: dz ← p·dz + q·(x − μ) + r, constants p, q, r, μ at k.
  (func (export "backwardInput") (param $dz i32) (param $x i32) (param $n i32) (param $c i32) (param $k i32)
    (local $stride i32) (local $end i32) (local $o i32) (local $ko i32) (local $at i32)
    (local.set $stride (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $o (i32.const 0))
      (block $done (loop $group
        (br_if $done (i32.ge_u (local.get $o) (local.get $stride)))
        (local.set $ko (i32.add (local.get $k) (local.get $o)))
        (local.set $at (i32.add (local.get $dz) (local.get $o)))
        (v128.store (local.get $at)
          (f32x4.add
            (f32x4.add
              (f32x4.mul (v128.load (local.get $at)) (v128.load (local.get $ko)))
              (f32x4.mul
                (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $o)))
                           (v128.load (i32.add (local.get $ko) (i32.mul (local.get $stride) (i32.const 3)))))
                (v128.load (i32.add (local.get $ko) (local.get $stride)))))
            (v128.load (i32.add (local.get $ko) (i32.shl (local.get $stride) (i32.const 1))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $group)))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $dz (i32.add (local.get $dz) (local.get $stride)))
      (br $row))))

  ;; The 2×2, stride-2 max-pool's gradient: each window's ∂y goes to its first maximum in row-major
  ;; order (as tfjs's cpu backend and PyTorch), the other three get 0. x and dx are [rows·2, w·2, c],
  ;; dy is [rows, w, c] (rows = images × output rows).
  (func (export "maxPoolGrad2x2") (param $x i32) (param $dy i32) (param $dx i32) (param $rows i32) (param $w i32)
    (param $c i32)
    (local $stride i32) (local $xrow i32) (local $end i32) (local $j i32) (local $o i32) (local $at i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $m v128) (local $d v128)
    (local $e v128) (local $taken v128)
    (local.set $stride (i32.shl (local.get $c) (i32.const 2)))
    (local.set $xrow (i32.shl (i32.mul (local.get $w) (local.get $stride)) (i32.const 1)))
    (local.set $end (i32.add (local.get $dy) (i32.mul (i32.mul (local.get $rows) (local.get $w)) (local.get $stride))))
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $dy) (local.get $end)))
      (local.set $j (local.get $w))
      (block $windows_done (loop $window
        (br_if $windows_done (i32.eqz (local.get $j)))
        (local.set $o (i32.const 0))
        (block $done (loop $group
          (br_if $done (i32.ge_u (local.get $o) (local.get $stride)))
          (local.set $at (i32.add (local.get $x) (local.get $o)))
          (local.set $v0 (v128.load (local.get $at)))
          (local.set $v1 (v128.load (i32.add (local.get $at) (local.get $stride))))
          (local.set $v2 (v128.load (i32.add (local.get $at) (local.get $xrow))))
          (local.set $v3 (v128.load (i32.add (i32.add (local.get $at) (local.get $xrow)) (local.get $stride))))
          (local.set $m (f32x4.max (f32x4.max (local.get $v0) (local.get $v1)) (f32x4.max (local.get $v2) (local.get $v3))))
          (local.set $d (v128.load (i32.add (local.get $dy) (local.get $o))))
          (local.set $at (i32.add (local.get $dx) (local.get $o)))
          (local.set $taken (f32x4.eq (local.get $v0) (local.get $m)))
          (v128.store (local.get $at) (v128.and (local.get $d) (local.get $taken)))
          (local.set $e (v128.andnot (f32x4.eq (local.get $v1) (local.get $m)) (local.get $taken)))
          (local.set $taken (v128.or (local.get $taken) (local.get $e)))
          (v128.store (i32.add (local.get $at) (local.get $stride)) (v128.and (local.get $d) (local.get $e)))
          (local.set $e (v128.andnot (f32x4.eq (local.get $v2) (local.get $m)) (local.get $taken)))
          (local.set $taken (v128.or (local.get $taken) (local.get $e)))
          (v128.store (i32.add (local.get $at) (local.get $xrow)) (v128.and (local.get $d) (local.get $e)))
          (local.set $e (v128.andnot (f32x4.eq (local.get $v3) (local.get $m)) (local.get $taken)))
          (v128.store (i32.add (i32.add (local.get $at) (local.get $xrow)) (local.get $stride))
            (v128.and (local.get $d) (local.get $e)))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (br $group)))
        ;; The next window: two input pixels on, one output pixel on.
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $stride) (i32.const 1))))
        (local.set $dx (i32.add (local.get $dx) (i32.shl (local.get $stride) (i32.const 1))))
        (local.set $dy (i32.add (local.get $dy) (local.get $stride)))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $window)))
      ;; Past the window row's second input row.
      (local.set $x (i32.add (local.get $x) (local.get $xrow)))
      (local.set $dx (i32.add (local.get $dx) (local.get $xrow)))
      (br $row))))
)
