<?php

namespace App\Http\Controllers;

use App\Models\Customer;
use Illuminate\Http\Request;

class CustomerSearchController extends Controller
{
    public function __invoke(Request $request)
    {
        $name = $request->query('name', '');
        $customers = Customer::whereRaw("last_name LIKE '" . $name . "%'")->limit(25)->get();
        return view('customers.index', ['customers' => $customers]);
    }
}
