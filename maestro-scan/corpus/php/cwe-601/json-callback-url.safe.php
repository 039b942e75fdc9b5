<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Redirect;

class PaymentReturnController extends Controller
{
    public function __invoke(Request $request)
    {
        $data = $request->json()->all();
        $target = url('/orders/' . (int) ($data['order_id'] ?? 0));
        return Redirect::to($target);
    }
}
