<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class CheckoutController extends Controller
{
    public function plan(Request $request)
    {
        $choice = $request->json()->all();
        session(['plan' => $choice['plan'], 'price' => $choice['price']]);
        return response()->noContent();
    }
}
