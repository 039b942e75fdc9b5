<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class PricingFormulaController extends Controller
{
    public function preview(Request $request)
    {
        $formula = $request->json('formula');
        $base = 100;
        // formulas are no longer run through eval(); only a percentage is accepted
        $price = $base * (1 + ((float) $formula) / 100);
        return response()->json(['price' => $price]);
    }
}
