<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class CheckoutController extends Controller
{
    public function plan(Request $request)
    {
        $choice = $request->json()->all();
        $plans = ['basic' => 9, 'pro' => 29];
        $plan = array_key_exists($choice['plan'] ?? '', $plans) ? $choice['plan'] : 'basic';
        session(['plan' => $plan, 'price' => $plans[$plan]]);
        return response()->noContent();
    }
}
