// Package storetest is the one behaviour suite every store.Store
// implementation runs: call Run from the implementation's own test with a
// function that opens an empty store. What the suite asserts is the contract;
// anything an implementation does beyond it belongs in that package's tests.
//
// It imports store, model and the standard library (testing); it must never
// import a concrete store implementation.
package storetest
