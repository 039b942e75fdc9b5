<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class PricingFormulaController extends Controller
{
    public function preview(Request $request)
    {
        $formula = $request->json('formula');
        $base = 100;
        $price = eval("return {$formula};");
        return response()->json(['price' => $price]);
    }
}
